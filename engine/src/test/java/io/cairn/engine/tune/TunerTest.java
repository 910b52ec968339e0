package io.cairn.engine.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Projections;
import io.cairn.engine.pipeline.PipelineSettings;
import io.cairn.journal.Durability;
import io.cairn.storage.index.rocks.RocksSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {

    @TempDir
    Path dir;

    private static final FsyncProbe.Result FSYNC = new FsyncProbe.Result(200, 900, 4000, 9000);

    /** Results with the given ops/s per label (each measured over one second), p99 given for batch trials. */
    private static List<Trial.Result> results(Map<String, Integer> ops, long baseP99, long batchP99) {
        List<Trial.Result> out = new ArrayList<>();
        for (var e : ops.entrySet()) {
            Trial t = new Trial(e.getKey(), e.getKey().contains("sync") ? Durability.SYNC : Durability.PROCESS,
                    settingsOf(e.getKey()), RocksSettings.DEFAULTS, e.getKey().startsWith("effect"));
            long p99 = e.getKey().equals("batch-limit 64") ? batchP99 : baseP99;
            out.add(new Trial.Result(t, e.getValue(), 1.0, 50, p99));
        }
        return out;
    }

    private static PipelineSettings settingsOf(String label) {
        return switch (label) {
            case "ring-size 1024" -> new PipelineSettings(1024, 0, 2);
            case "ring-size 16384" -> new PipelineSettings(16384, 0, 2);
            case "batch-limit 64" -> new PipelineSettings(4096, 64, 2);
            case "effect-threads 1" -> new PipelineSettings(4096, 0, 1);
            case "effect-threads 4" -> new PipelineSettings(4096, 0, 4);
            default -> PipelineSettings.DEFAULTS;
        };
    }

    private static Map<String, Integer> quiet(int ring1024, int sync, int effects4) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put("defaults", 100_000);
        m.put("durability sync", sync);
        m.put("ring-size 1024", ring1024);
        m.put("ring-size 16384", 98_000);
        m.put("batch-limit 64", 99_000);
        m.put("index-write-buffer 8m", 101_000);
        m.put("effect-threads 1", 2_000);
        m.put("effect-threads 2", 3_000);
        m.put("effect-threads 4", effects4);
        m.put("defaults (again)", 102_000);
        return m;
    }

    private static Map<String, Object> changes(List<Recommendation> rs) {
        return rs.stream().filter(Recommendation::change).collect(Collectors.toMap(Recommendation::key,
                Recommendation::value));
    }

    @Test
    void aClearWinOnAQuietMachineIsRecommendedWithItsFigures() {
        List<Recommendation> rs = Tuner.recommend(results(quiet(140_000, 60_000, 4_500), 900, 300), 2, FSYNC, 0);
        assertEquals(Map.of("ring-size", 1024, "effect-threads", 4, "batch-limit", 64), changes(rs));
        Recommendation ring = rs.stream().filter(r -> r.key().equals("ring-size")).findFirst().orElseThrow();
        assertTrue(ring.why().contains("1024: 140000 ops/s"), ring.why());
        Recommendation durability = rs.stream().filter(r -> r.key().equals("durability")).findFirst().orElseThrow();
        assertEquals("process", durability.value());
        assertTrue(durability.why().contains("fsync here: p50 900 µs"), durability.why());
    }

    @Test
    void cheapSyncIsRecommended() {
        List<Recommendation> rs = Tuner.recommend(results(quiet(100_000, 95_000, 3_000), 900, 900), 2, FSYNC, 0);
        assertEquals(Map.of("durability", "sync"), changes(rs));
    }

    @Test
    void aNoisyRunChangesNothing() {
        List<Recommendation> rs = Tuner.recommend(results(quiet(300_000, 99_000, 9_000), 900, 100), 80, FSYNC, 0);
        assertEquals(Map.of(), changes(rs));
        assertTrue(rs.stream().anyMatch(r -> r.why().contains("too noisy")), rs.toString());
    }

    @Test
    void aTrialThatCompletedNothingMakesTheRunTooNoisyToJudge() {
        Map<String, Integer> ops = quiet(140_000, 99_000, 9_000);
        ops.put("ring-size 16384", 0);
        assertEquals(Map.of(), changes(Tuner.recommend(results(ops, 900, 100), 2, FSYNC, 0)));
    }

    @Test
    void theBlockCacheIsSizedForTheIndexOnDisk() {
        List<Recommendation> rs = Tuner.recommend(results(quiet(100_000, 50_000, 3_000), 900, 900), 2, FSYNC,
                40L << 20);
        Recommendation cache = rs.stream().filter(r -> r.key().equals("index-block-cache")).findFirst().orElseThrow();
        assertEquals("64m", cache.value());
        assertTrue(cache.why().contains("40MiB on disk"), cache.why());
    }

    @Test
    void aShortRealRunMeasuresEveryTrialAndLeavesNothingBehind() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        StringWriter progress = new StringWriter();
        Tuner.Report report = new Tuner(Projections.all(), scratch, dir.resolve("no-index"), 100, 200)
                .run(new PrintWriter(progress, true));
        assertEquals(10, report.results().size(), progress.toString());
        // on a loaded machine a 200 ms window may see no completion in one trial; together they must see some
        assertTrue(report.results().stream().mapToLong(Trial.Result::commands).sum() > 0, progress.toString());
        assertTrue(report.fsync().syncs() > 0);
        // one recommendation per knob measured, and the memtables' total only when bigger memtables win
        List<String> keys = report.recommendations().stream().map(Recommendation::key).toList();
        assertEquals(List.of("durability", "ring-size", "batch-limit", "index-write-buffer", "effect-threads",
                "index-block-cache"), keys.stream().filter(k -> !k.equals("index-write-buffers-total")).toList(), keys.toString());
        boolean bigger = report.recommendations().stream().anyMatch(r -> r.key().equals("index-write-buffer") && r.change());
        assertEquals(bigger, keys.contains("index-write-buffers-total"), keys.toString());
        try (var left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
