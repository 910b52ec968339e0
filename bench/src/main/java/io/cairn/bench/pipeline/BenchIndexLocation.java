package io.cairn.bench.pipeline;

import io.cairn.engine.state.Families;
import io.cairn.engine.state.IndexLocation;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A RocksDB {@link IndexLocation} at {@code <root>/index} that behaves as the daemon's (which is
 * package-private in the engine): the scratch index is {@code index.rebuild}, renamed over the live
 * one on promotion.
 */
final class BenchIndexLocation implements IndexLocation {

    private final Path live;
    private final Path scratch;
    private final boolean sync;

    BenchIndexLocation(Path live, boolean sync) {
        this.live = live;
        this.scratch = live.resolveSibling(live.getFileName() + ".rebuild");
        this.sync = sync;
    }

    @Override
    public IndexStore open() {
        return RocksIndexStore.open(live, Families.ALL, sync);
    }

    @Override
    public IndexStore openScratch() {
        RocksIndexStore.destroy(scratch);
        return RocksIndexStore.open(scratch, Families.ALL, sync);
    }

    @Override
    public IndexStore promote(IndexStore current, IndexStore rebuilt) {
        try {
            current.close();
            rebuilt.close();
            RocksIndexStore.destroy(live);
            Files.move(scratch, live, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + live + " with " + scratch, e);
        }
        return open();
    }
}
