package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One snapshot of the index ({@code cairn journal snapshot}, {@code GET /cairn/journal/snapshots}):
 * the journal entry it is at, its state digest, when it was taken, its directory, and, for a snapshot
 * that must not be used, why ({@code Problem}; empty when sound).
 */
public record JournalSnapshot(@JsonProperty("Index") long index,
                              @JsonProperty("Digest") String digest,
                              @JsonProperty("Taken") String taken,
                              @JsonProperty("Path") String path,
                              @JsonProperty("Problem") String problem) {
}
