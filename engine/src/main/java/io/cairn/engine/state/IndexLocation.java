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

    /**
     * Writes a consistent copy of {@code live} (as it is after every batch written so far) into
     * {@code into}, which does not exist yet; for a snapshot. A location whose index lives only in
     * memory cannot: it throws {@link UnsupportedOperationException}.
     */
    default void checkpoint(IndexStore live, java.nio.file.Path into) {
        throw new UnsupportedOperationException("this index location keeps no copies on disk");
    }

    /**
     * Opens a new scratch index (as {@link #openScratch()}) holding a copy of the checkpoint in
     * {@code checkpoint}, which is left unchanged; for a rebuild from a snapshot.
     */
    default IndexStore openScratchFrom(java.nio.file.Path checkpoint) {
        throw new UnsupportedOperationException("this index location keeps no copies on disk");
    }

    /** Closes a scratch index that is not promoted and drops what it holds. */
    default void discard(IndexStore scratch) {
        try {
            scratch.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot close the scratch index", e);
        }
    }
}
