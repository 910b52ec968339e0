package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;

/**
 * A here-document attached to RUN, COPY or ADD ({@code <<EOF}, {@code <<-EOF},
 * {@code <<"EOF"}, {@code 3<<EOF}).
 *
 * @param marker         the marker word as written, e.g. {@code <<-"EOF"}
 * @param name           the terminator, quotes removed
 * @param fileDescriptor the number before {@code <<}, 0 when absent
 * @param expand         true unless the terminator was quoted: then the builder expands the body
 * @param chomp          true for {@code <<-}: leading tabs were removed from every body line
 * @param content        the body, every line ending with a newline, leading tabs removed when chomped
 * @param position       where the marker is
 * @param firstLine      the body's first line in the file
 */
public record Heredoc(String marker, String name, int fileDescriptor, boolean expand, boolean chomp,
                      String content, Position position, int firstLine) {
}
