package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Outcome of {@code cairn journal rebuild}: the state digest before and after, the replay's size and
 * time, and whether the rebuilt index replaced the live one (always when they agree; when they
 * differ, only with {@code --force}).
 */
public record RebuildReport(@JsonProperty("Before") String before,
                            @JsonProperty("After") String after,
                            @JsonProperty("Entries") long entries,
                            @JsonProperty("Seconds") double seconds,
                            @JsonProperty("Swapped") boolean swapped) {
    public boolean same() {
        return before.equals(after);
    }
}
