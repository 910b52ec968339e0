package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;

/**
 * A parser directive ({@code # escape=`}) from the top of the file.
 *
 * @param name     lower-cased name: {@code escape}, {@code syntax} or {@code check}
 * @param value    value as written, trimmed
 * @param position where the {@code #} is
 */
public record Directive(String name, String value, Position position) {
}
