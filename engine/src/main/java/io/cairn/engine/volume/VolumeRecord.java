package io.cairn.engine.volume;

import java.util.Map;

/**
 * A named volume as the index holds it.
 *
 * @param name           the volume's name, unique in a root (required, immutable)
 * @param driver         always {@code local} today
 * @param mountpoint     absolute path of the volume's directory
 * @param createdAtNanos time of the create event
 * @param labels         user labels (immutable)
 * @param options        driver options (immutable)
 */
public record VolumeRecord(String name, String driver, String mountpoint, long createdAtNanos,
                           Map<String, String> labels, Map<String, String> options) {
    public VolumeRecord {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }
}
