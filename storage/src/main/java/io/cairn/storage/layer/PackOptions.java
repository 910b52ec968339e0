package io.cairn.storage.layer;

import java.util.Optional;

/**
 * How to pack a directory into a layer tar.
 *
 * @param sourceDateEpoch if present, modification times later than it are clamped to it
 *                        (reproducible builds' {@code SOURCE_DATE_EPOCH}, in seconds)
 */
public record PackOptions(Optional<Long> sourceDateEpoch) {
    public static PackOptions defaults() {
        return new PackOptions(Optional.empty());
    }

    public PackOptions withSourceDateEpoch(long epochSeconds) {
        return new PackOptions(Optional.of(epochSeconds));
    }
}
