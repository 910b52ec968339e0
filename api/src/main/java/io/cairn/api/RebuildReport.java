package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Outcome of {@code cairn journal rebuild}: the state digest before and after, the replay's size and
 * time, and whether the rebuilt index replaced the live one (always when they agree; when they
 * differ, only with {@code --force}). {@code FromSnapshot} is the journal entry of the snapshot the
 * rebuild started from (0: from entry 1, an empty index); {@code Refused} names every snapshot passed
 * over and why.
 */
public record RebuildReport(@JsonProperty("Before") String before,
                            @JsonProperty("After") String after,
                            @JsonProperty("Entries") long entries,
                            @JsonProperty("Seconds") double seconds,
                            @JsonProperty("Swapped") boolean swapped,
                            @JsonProperty("FromSnapshot") long fromSnapshot,
                            @JsonProperty("Refused") java.util.List<String> refused) {

    public RebuildReport {
        refused = refused == null ? java.util.List.of() : java.util.List.copyOf(refused);
    }

    /** A rebuild from entry 1 with no snapshot considered. */
    public RebuildReport(String before, String after, long entries, double seconds, boolean swapped) {
        this(before, after, entries, seconds, swapped, 0, java.util.List.of());
    }

    public boolean same() {
        return before.equals(after);
    }
}
