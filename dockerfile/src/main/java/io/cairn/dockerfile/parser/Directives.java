package io.cairn.dockerfile.parser;

import java.util.List;
import java.util.Optional;

/**
 * The parser directives of a Dockerfile. {@code syntax} is recorded and otherwise ignored
 * (Cairn has one frontend); {@code check} is kept for the checker (Docker's lint control).
 *
 * @param escape     the escape and line-continuation character: {@code \} (default) or {@code `}
 * @param directives the directives in file order
 */
public record Directives(char escape, List<Directive> directives) {

    public static final char DEFAULT_ESCAPE = '\\';

    public Directives {
        directives = List.copyOf(directives);
    }

    /** The directive named {@code name} (lower case), if present. */
    public Optional<Directive> get(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
