package io.cairn.engine.daemon;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.IndexLocation;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The RocksDB index at {@code <root>/index}; a rebuild fills {@code index.rebuild} and renames it over. */
public final class RocksIndexLocation implements IndexLocation {

    private final Path live;
    private final Path scratch;
    private final boolean sync;
    private final io.cairn.storage.index.rocks.RocksSettings settings;

    public RocksIndexLocation(Path live, boolean sync) {
        this(live, sync, io.cairn.storage.index.rocks.RocksSettings.DEFAULTS);
    }

    /** The index with an operator's RocksDB sizes (daemon.json's {@code index-*} keys); a rebuild uses them too. */
    public RocksIndexLocation(Path live, boolean sync, io.cairn.storage.index.rocks.RocksSettings settings) {
        this.live = live;
        this.scratch = live.resolveSibling(live.getFileName() + ".rebuild");
        this.sync = sync;
        this.settings = settings;
    }

    @Override
    public IndexStore open() {
        return RocksIndexStore.open(live, Families.ALL, sync, settings);
    }

    @Override
    public IndexStore openScratch() {
        RocksIndexStore.destroy(scratch);
        // no WAL while it fills, flushed when promote closes it; a crash before that leaves a
        // leftover that the next openScratch destroys (the live index is untouched until promote)
        return RocksIndexStore.openForRebuild(scratch, Families.ALL, settings);
    }

    @Override
    public void checkpoint(IndexStore live, Path into) {
        IndexStore store = live instanceof io.cairn.engine.state.SwappableStore swappable ? swappable.target() : live;
        if (!(store instanceof RocksIndexStore rocks)) {
            throw new IllegalArgumentException("not a RocksDB index: " + store);
        }
        rocks.checkpoint(into);
    }

    /**
     * The scratch index starts as a copy of {@code checkpoint}: its SST files (immutable in RocksDB:
     * compactions write new ones and unlink the old) are hard links, the rest (manifest, options,
     * WAL) is copied, since the open writes to them. Only regular files are taken; anything else in
     * the checkpoint fails the copy, naming it.
     */
    @Override
    public IndexStore openScratchFrom(Path checkpoint) {
        RocksIndexStore.destroy(scratch);
        try {
            Files.createDirectory(scratch);
            try (java.util.stream.Stream<Path> files = Files.list(checkpoint)) {
                for (Path f : files.toList()) {
                    if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        throw new EngineFailureException("cannot rebuild from " + checkpoint + ": " + f
                                + " is not a regular file");
                    }
                    Path to = scratch.resolve(f.getFileName());
                    if (f.getFileName().toString().endsWith(".sst")) {
                        Files.createLink(to, f);
                    } else {
                        Files.copy(f, to, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        } catch (IOException e) {
            RocksIndexStore.destroy(scratch);
            throw new EngineFailureException("cannot copy the snapshot index " + checkpoint + " to " + scratch + ": "
                    + e.getMessage(), e);
        }
        return RocksIndexStore.openForRebuild(scratch, Families.ALL, settings);
    }

    @Override
    public void discard(IndexStore rebuilt) {
        IndexLocation.super.discard(rebuilt);
        RocksIndexStore.destroy(scratch);
    }

    @Override
    public IndexStore promote(IndexStore current, IndexStore rebuilt) {
        try {
            current.close();
            rebuilt.close();
            // between these two steps there is no index: the next start replays the whole journal
            RocksIndexStore.destroy(live);
            Files.move(scratch, live, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngineFailureException("cannot replace " + live + " with " + scratch + ": " + e.getMessage(), e);
        }
        return open();
    }
}
