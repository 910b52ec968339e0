package io.cairn.engine.state;

import io.cairn.storage.index.IndexStore;

/**
 * Where the live index lives and how a rebuilt one replaces it. The RocksDB location renames
 * directories; tests use an in-memory one.
 */
public interface IndexLocation {

    /** Opens the live index (empty if it does not exist). */
    IndexStore open();

    /** Opens a new, empty index beside the live one, discarding any earlier leftover. */
    IndexStore openScratch();

    /**
     * Closes {@code live} and {@code scratch}, makes the scratch index the live one and opens it.
     * A crash in the middle leaves either the old index or none; with none, recovery replays the
     * whole journal.
     */
    IndexStore promote(IndexStore live, IndexStore scratch);

    /** Closes a scratch index that is not promoted and drops what it holds. */
    default void discard(IndexStore scratch) {
        try {
            scratch.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot close the scratch index", e);
        }
    }
}
