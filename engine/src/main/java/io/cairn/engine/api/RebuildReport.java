package io.cairn.engine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of {@code cairn journal rebuild}: the state digest before and after, and the replay's size and time. */
public record RebuildReport(@JsonProperty("Before") String before,
                            @JsonProperty("After") String after,
                            @JsonProperty("Entries") long entries,
                            @JsonProperty("Seconds") double seconds) {
    public boolean same() {
        return before.equals(after);
    }
}
