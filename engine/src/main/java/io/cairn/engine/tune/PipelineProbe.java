package io.cairn.engine.tune;

import io.cairn.api.NotFoundException;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.pipeline.Command;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.EffectExecutor;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projector;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the daemon's write path (Chronicle journal, RocksDB index, the Disruptor pipeline) in a
 * scratch directory with one {@link Trial}'s settings: {@code submitters} threads each keep
 * {@value #WINDOW} volume create/remove commands in flight, as {@code PipelineThroughputBench} does,
 * and every command's time from submit to completion is recorded.
 */
final class PipelineProbe {

    static final int WINDOW = 128;

    private final Projector projector;
    private final int submitters;

    PipelineProbe(Projector projector, int submitters) {
        this.projector = projector;
        this.submitters = submitters;
    }

    /** Runs {@code trial} for {@code warmupMillis} unmeasured, then {@code measureMillis} measured. */
    Trial.Result run(Trial trial, Path scratch, long warmupMillis, long measureMillis) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "trial-");
        Path volumes = Files.createDirectories(dir.resolve("volumes"));
        try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve("journal"), trial.durability());
             RocksIndexStore store = RocksIndexStore.open(dir.resolve("index"), Families.ALL,
                     trial.durability() == io.cairn.journal.Durability.SYNC, trial.index());
             Pipeline pipeline = new Pipeline(journal, store, new EventCodec(), projector,
                     new EffectExecutor(trial.pipeline().effectThreads()), trial.pipeline().ringSize(),
                     trial.pipeline().batchLimit())) {
            long start = System.nanoTime();
            long measureFrom = start + warmupMillis * 1_000_000;
            long end = measureFrom + measureMillis * 1_000_000;
            AtomicLong counted = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < submitters; t++) {
                long[] mine = new long[1 << 20];
                latencies.add(mine);
                int id = t;
                Thread thread = new Thread(() -> {
                    try {
                        submit(pipeline, volumes, trial.effects(), "s" + id + "-", measureFrom, end, counted, mine);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "cairn-tune-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IOException("the write path failed during '" + trial.label() + "': " + failures.get(0),
                        failures.get(0));
            }
            long[] all = merge(latencies);
            return new Trial.Result(trial, counted.get(), measureMillis / 1000.0, percentile(all, 50),
                    percentile(all, 99));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            delete(dir);
        }
    }

    /** One submitter: windows of create/remove pairs until {@code end}; counts what completes in the window. */
    private void submit(Pipeline pipeline, Path volumes, boolean effects, String prefix, long measureFrom, long end,
                        AtomicLong counted, long[] latencies) throws Exception {
        long n = 0;
        int recorded = 0;
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] window = new CompletableFuture[WINDOW];
        long[] submitted = new long[WINDOW];
        long[] completed = new long[WINDOW];
        while (System.nanoTime() < end) {
            for (int i = 0; i < WINDOW; i += 2) {
                String name = prefix + n++;
                int slot = i;
                submitted[i] = System.nanoTime();
                // the returned stage completes after the callback, so join() sees the time it wrote
                window[i] = pipeline.submit(create(volumes, name, effects), 0)
                        .whenComplete((r, e) -> completed[slot] = System.nanoTime());
                submitted[i + 1] = System.nanoTime();
                window[i + 1] = pipeline.submit(remove(volumes, name, effects), 0)
                        .whenComplete((r, e) -> completed[slot + 1] = System.nanoTime());
            }
            for (int i = 0; i < WINDOW; i++) {
                window[i].join();
                long done = completed[i];
                // throughput: what completes inside the measured window, whenever it was submitted
                if (done >= measureFrom && done <= end) {
                    counted.incrementAndGet();
                    if (recorded < latencies.length) {
                        latencies[recorded++] = done - submitted[i];
                    }
                }
            }
        }
        Arrays.fill(latencies, recorded, latencies.length, -1);
    }

    private static Command<Void> create(Path volumes, String name, boolean effects) {
        Path dir = volumes.resolve(name);
        return state -> {
            Decision<Void> d = Decision.of(null, new VolumeCreated(name, "local", dir.toString(), Map.of(), Map.of()));
            return effects ? d.then("volume:" + name, () -> Files.createDirectories(dir)) : d;
        };
    }

    private static Command<Void> remove(Path volumes, String name, boolean effects) {
        Path dir = volumes.resolve(name);
        return state -> {
            if (state.get(Families.VOLUMES, name) == null) {
                throw new NotFoundException("get " + name + ": no such volume");
            }
            Decision<Void> d = Decision.of(null, new VolumeRemoved(name));
            return effects ? d.then("volume:" + name, () -> Files.deleteIfExists(dir)) : d;
        };
    }

    private static long[] merge(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).filter(v -> v >= 0).sorted().toArray();
    }

    /** The {@code p}th percentile in microseconds (nearest rank); 0 when nothing was recorded. */
    static long percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1000;
    }

    static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the scratch directory is named in the report
        }
    }
}
