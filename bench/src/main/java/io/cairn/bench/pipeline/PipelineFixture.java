package io.cairn.bench.pipeline;

import io.cairn.engine.event.EventCodec;
import io.cairn.engine.pipeline.EffectExecutor;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.Projections;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.rocks.RocksIndexStore;
import io.cairn.storage.index.rocks.RocksSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pipeline wired as the daemon wires it (Chronicle journal, RocksDB index, a 4096-slot ring, two
 * effect threads, RocksDB syncing only with {@link Durability#SYNC}) over a scratch directory that
 * {@link #close()} deletes.
 */
final class PipelineFixture implements AutoCloseable {

    /** The daemon's ring size (Daemon.run). */
    static final int RING_SIZE = 4096;

    final Path dir;
    final ChronicleJournal journal;
    final RocksIndexStore store;
    final Pipeline pipeline;
    final Path volumes;

    private PipelineFixture(Path dir, ChronicleJournal journal, RocksIndexStore store, Pipeline pipeline, Path volumes) {
        this.dir = dir;
        this.journal = journal;
        this.store = store;
        this.pipeline = pipeline;
        this.volumes = volumes;
    }

    static PipelineFixture open(Durability durability) {
        return open(durability, 1);
    }

    /**
     * As the daemon with {@code index-write-buffer} = {@code writeBufferMiB} MiB per family and
     * {@code index-write-buffers-total} four times that (the defaults: 1 and 4 MiB).
     */
    static PipelineFixture open(Durability durability, int writeBufferMiB) {
        RocksSettings d = RocksSettings.DEFAULTS;
        RocksSettings settings = new RocksSettings(d.blockCacheBytes(), (long) writeBufferMiB << 20, d.maxWriteBuffers(),
                4L * writeBufferMiB << 20, d.backgroundJobs());
        Path dir = TempDirs.create("cairn-bench-pipeline");
        ChronicleJournal journal = null;
        RocksIndexStore store = null;
        try {
            Path volumes = Files.createDirectories(dir.resolve("volumes"));
            journal = ChronicleJournal.open(dir.resolve("journal"), durability);
            store = RocksIndexStore.open(dir.resolve("index"), Families.ALL, durability == Durability.SYNC, settings);
            Pipeline pipeline = new Pipeline(journal, store, new EventCodec(), Projections.all(), new EffectExecutor(2),
                    RING_SIZE);
            return new PipelineFixture(dir, journal, store, pipeline, volumes);
        } catch (IOException | RuntimeException e) {
            closeAll(null, store, journal);
            TempDirs.delete(dir);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        try {
            closeAll(pipeline, store, journal);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing " + r + ": " + e, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
