package io.cairn.engine.event;

import java.util.Map;

/** A named volume was created; its directory is {@code mountpoint}. */
public record VolumeCreated(String name, String driver, String mountpoint, Map<String, String> labels,
                            Map<String, String> options) implements Event {
    public VolumeCreated {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }
}
