package io.cairn.engine.event;

import java.util.List;

/** {@code builder prune}: these cache keys are forgotten (the images they named are not removed here). */
public record BuildCachePruned(List<String> keys) implements Event {
    public BuildCachePruned {
        keys = List.copyOf(keys);
    }
}
