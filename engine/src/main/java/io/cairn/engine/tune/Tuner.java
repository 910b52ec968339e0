package io.cairn.engine.tune;

import io.cairn.engine.daemon.config.ConfigKey;
import io.cairn.engine.pipeline.PipelineSettings;
import io.cairn.engine.state.Projector;
import io.cairn.journal.Durability;
import io.cairn.storage.index.rocks.RocksSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures this machine and recommends daemon.json settings. Every recommendation comes from a
 * measurement made in this run; a setting is changed from its default only when the measured gain
 * is larger than the run's own noise (the baseline is measured twice, first and last) and at least
 * {@value #MIN_GAIN_PERCENT} %.
 *
 * @param projector  the engine's projections (the write path indexes real events)
 * @param scratch    a directory on the root's file system; trials make and delete their files in it
 * @param indexDir   the root's index, whose size the block cache is sized for (may be absent)
 * @param warmupMillis  unmeasured time at the start of each trial
 * @param measureMillis measured time of each trial
 */
public record Tuner(Projector projector, Path scratch, Path indexDir, long warmupMillis, long measureMillis) {

    static final int MIN_GAIN_PERCENT = 15;

    /** Above this run-to-run difference of the baseline, nothing is recommended for a change. */
    static final int MAX_NOISE_PERCENT = 50;

    /** What a run measured and recommends. */
    public record Report(FsyncProbe.Result fsync, List<Trial.Result> results, double noisePercent,
                         long indexBytes, List<Recommendation> recommendations) {
    }

    /** Runs every probe; {@code progress} hears each trial as it ends. */
    public Report run(PrintWriter progress) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        PipelineProbe probe = new PipelineProbe(projector, Math.max(2, Math.min(cores, 4)));
        loadAverage().ifPresent(load -> progress.printf("load average %s on %d cores%s%n", load, cores,
                Double.parseDouble(load) > cores ? ": other work competes with the measurements" : ""));
        FsyncProbe.Result fsync = FsyncProbe.run(scratch, 200, 1000);
        progress.printf("fsync on %s: p50 %d µs, p99 %d µs (%d syncs)%n", scratch.getParent(), fsync.p50Micros(),
                fsync.p99Micros(), fsync.syncs());
        PipelineSettings d = PipelineSettings.DEFAULTS;
        RocksSettings r = RocksSettings.DEFAULTS;
        Trial base = new Trial("defaults", Durability.PROCESS, d, r, false);
        probe.run(base, scratch, warmupMillis, measureMillis); // warms the JIT; not counted
        List<Trial> trials = List.of(
                base,
                new Trial("durability sync", Durability.SYNC, d, r, false),
                new Trial("ring-size 1024", Durability.PROCESS, new PipelineSettings(1024, 0, d.effectThreads()), r, false),
                new Trial("ring-size 16384", Durability.PROCESS, new PipelineSettings(16384, 0, d.effectThreads()), r,
                        false),
                new Trial("batch-limit 64", Durability.PROCESS, new PipelineSettings(d.ringSize(), 64, d.effectThreads()),
                        r, false),
                new Trial("index-write-buffer 8m", Durability.PROCESS, d,
                        new RocksSettings(r.blockCacheBytes(), 8L << 20, r.maxWriteBuffers(), 32L << 20,
                                r.backgroundJobs()), false),
                new Trial("effect-threads 1", Durability.PROCESS, new PipelineSettings(d.ringSize(), 0, 1), r, true),
                new Trial("effect-threads 2", Durability.PROCESS, d, r, true),
                new Trial("effect-threads 4", Durability.PROCESS, new PipelineSettings(d.ringSize(), 0, 4), r, true));
        List<Trial.Result> results = new ArrayList<>();
        for (Trial t : trials) {
            Trial.Result res = probe.run(t, scratch, warmupMillis, measureMillis);
            results.add(res);
            progress.printf("%-24s %9.0f ops/s   p50 %6d µs   p99 %7d µs%n", t.label(), res.opsPerSecond(),
                    res.p50Micros(), res.p99Micros());
        }
        Trial.Result measured = probe.run(base, scratch, warmupMillis, measureMillis);
        Trial.Result again = new Trial.Result(new Trial("defaults (again)", base.durability(), base.pipeline(),
                base.index(), base.effects()), measured.commands(), measured.seconds(), measured.p50Micros(),
                measured.p99Micros());
        progress.printf("%-24s %9.0f ops/s   p50 %6d µs   p99 %7d µs%n", "defaults (again)", again.opsPerSecond(),
                again.p50Micros(), again.p99Micros());
        double first = results.get(0).opsPerSecond();
        double noise = 100.0 * Math.abs(first - again.opsPerSecond()) / Math.max(1, (first + again.opsPerSecond()) / 2);
        results.add(again);
        long indexBytes = sizeOf(indexDir);
        return new Report(fsync, results, noise, indexBytes, recommend(results, noise, fsync, indexBytes));
    }

    /** The recommendations the results argue for (package-private: tested with made-up results). */
    static List<Recommendation> recommend(List<Trial.Result> results, double noise, FsyncProbe.Result fsync,
                                          long indexBytes) {
        if (results.stream().anyMatch(r -> r.commands() == 0)) {
            noise = Double.POSITIVE_INFINITY; // a trial that completed nothing in its window measured only the load
        }
        double threshold = noise >= MAX_NOISE_PERCENT ? Double.POSITIVE_INFINITY : Math.max(MIN_GAIN_PERCENT, 2 * noise);
        Trial.Result base = average(find(results, "defaults"), find(results, "defaults (again)"));
        List<Recommendation> out = new ArrayList<>();

        Trial.Result sync = find(results, "durability sync");
        double syncCost = 100 * (1 - sync.opsPerSecond() / base.opsPerSecond());
        // with this much noise, "costs less than the noise" is no evidence: change nothing
        boolean reliable = noise < MAX_NOISE_PERCENT;
        boolean cheapSync = reliable && syncCost < MIN_GAIN_PERCENT;
        out.add(new Recommendation(ConfigKey.DURABILITY.key(), cheapSync ? "sync" : "process", cheapSync,
                String.format("fsync here: p50 %d µs, p99 %d µs; sync ran at %.0f ops/s against %.0f (%s). %s",
                        fsync.p50Micros(), fsync.p99Micros(), sync.opsPerSecond(), base.opsPerSecond(),
                        syncCost <= 0 ? "no measurable cost" : String.format("%.0f %% fewer", syncCost),
                        cheapSync ? "Power-loss safety costs little here: take it."
                                : reliable ? "sync keeps acknowledged operations through a power loss; choose it if"
                                        + " that matters more than the throughput"
                                : "the run was too noisy (" + (Double.isInfinite(noise) ? "a trial completed nothing"
                                        : Math.round(noise) + " %") + ") to judge; run again when the machine is quiet")));

        Trial.Result best = base;
        for (String label : List.of("ring-size 1024", "ring-size 16384")) {
            Trial.Result t = find(results, label);
            if (gain(t, base) >= threshold && t.opsPerSecond() > best.opsPerSecond()) {
                best = t;
            }
        }
        out.add(new Recommendation(ConfigKey.RING_SIZE.key(), best.trial().pipeline().ringSize(), best != base,
                String.format("1024: %.0f ops/s, 4096: %.0f, 16384: %.0f; %s",
                        find(results, "ring-size 1024").opsPerSecond(), base.opsPerSecond(),
                        find(results, "ring-size 16384").opsPerSecond(), best == base
                                ? beatBy(threshold)
                                : "the fastest, by more than " + Math.round(threshold) + " %")));

        Trial.Result batch = find(results, "batch-limit 64");
        boolean lowerTail = batch.p99Micros() > 0 && base.p99Micros() > 0
                && 100.0 * (base.p99Micros() - batch.p99Micros()) / base.p99Micros() >= threshold
                && gain(batch, base) > -threshold;
        out.add(new Recommendation(ConfigKey.BATCH_LIMIT.key(), lowerTail ? 64 : 0, lowerTail,
                String.format("limit 64: p99 %d µs at %.0f ops/s; none: p99 %d µs at %.0f ops/s; %s",
                        batch.p99Micros(), batch.opsPerSecond(), base.p99Micros(), base.opsPerSecond(), lowerTail
                                ? "a limit cut the tail latency without costing throughput"
                                : Double.isInfinite(threshold) ? beatBy(threshold)
                                : "a limit did not cut the tail latency by more than the noise")));

        Trial.Result buffers = find(results, "index-write-buffer 8m");
        boolean bigger = gain(buffers, base) >= threshold;
        out.add(new Recommendation(ConfigKey.INDEX_WRITE_BUFFER.key(), bigger ? "8m" : "1m", bigger,
                String.format("8 MiB memtables: %.0f ops/s against %.0f with 1 MiB; %s", buffers.opsPerSecond(),
                        base.opsPerSecond(), bigger ? "fewer flushes paid for the memory (with"
                                + " index-write-buffers-total 32m)"
                                : Double.isInfinite(threshold) ? beatBy(threshold) : "not worth the memory here")));
        if (bigger) {
            out.add(new Recommendation(ConfigKey.INDEX_WRITE_BUFFERS_TOTAL.key(), "32m", true,
                    "room for the larger memtables of every family being written"));
        }

        Trial.Result two = find(results, "effect-threads 2");
        Trial.Result bestEffects = two;
        for (String label : List.of("effect-threads 1", "effect-threads 4")) {
            Trial.Result t = find(results, label);
            if (gain(t, two) >= threshold && t.opsPerSecond() > bestEffects.opsPerSecond()) {
                bestEffects = t;
            }
        }
        out.add(new Recommendation(ConfigKey.EFFECT_THREADS.key(), bestEffects.trial().pipeline().effectThreads(),
                bestEffects != two, String.format("with a directory per volume: 1 thread %.0f ops/s, 2: %.0f, 4: %.0f;"
                        + " %s", find(results, "effect-threads 1").opsPerSecond(), two.opsPerSecond(),
                        find(results, "effect-threads 4").opsPerSecond(), bestEffects == two
                                ? beatBy(threshold)
                                : "the fastest, by more than " + Math.round(threshold) + " %")));

        long cache = RocksSettings.DEFAULTS.blockCacheBytes();
        boolean grow = indexBytes > cache;
        long wanted = cache;
        if (grow) {
            wanted = Long.highestOneBit(indexBytes - 1) << 1;
            wanted = Math.min(wanted, Math.max(cache, memTotal() / 16));
            wanted = Math.min(wanted, 1L << 30);
        }
        out.add(new Recommendation(ConfigKey.INDEX_BLOCK_CACHE.key(), (wanted >> 20) + "m", wanted != cache,
                String.format("the root's index holds %s on disk; %s", ConfigKey.Sizes.describe(indexBytes), grow
                        ? "a cache that holds it serves every lookup from memory (at most 1/16 of RAM)"
                        : "the default 8 MiB cache already holds all of it")));
        return out;
    }

    private static String beatBy(double threshold) {
        return Double.isInfinite(threshold) ? "the run was too noisy to judge; the default stays"
                : "none beat the default by more than " + Math.round(threshold) + " %";
    }

    private static double gain(Trial.Result t, Trial.Result base) {
        return 100 * (t.opsPerSecond() / base.opsPerSecond() - 1);
    }

    private static Trial.Result average(Trial.Result a, Trial.Result b) {
        return new Trial.Result(a.trial(), a.commands() + b.commands(), a.seconds() + b.seconds(),
                (a.p50Micros() + b.p50Micros()) / 2, Math.max(a.p99Micros(), b.p99Micros()));
    }

    private static Trial.Result find(List<Trial.Result> results, String label) {
        Optional<Trial.Result> r = results.stream().filter(x -> x.trial().label().equals(label)).findFirst();
        return r.orElseThrow(() -> new IllegalStateException("no trial " + label));
    }

    private static long sizeOf(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".sst"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Optional<String> loadAverage() {
        try {
            return Optional.of(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: no memory bound known, keep the cache at its default
        }
        return 0;
    }
}
