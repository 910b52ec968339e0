package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;
import java.util.Optional;

/**
 * A builder flag such as {@code --from=build} or {@code --link}, quotes removed.
 *
 * @param name     name without the leading dashes
 * @param value    the value after {@code =}, empty for a bare flag ({@code --link})
 * @param position where the {@code --} is
 */
public record Flag(String name, Optional<String> value, Position position) {

    /** The flag as written, normalised: {@code --name=value} or {@code --name}. */
    @Override
    public String toString() {
        return "--" + name + value.map(v -> "=" + v).orElse("");
    }
}
