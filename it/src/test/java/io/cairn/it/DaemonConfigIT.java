package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * daemon.json through a real daemon: the knobs it sets take effect (the daemon's settings line,
 * {@code cairn info}, RocksDB's own OPTIONS file), and a bad file or a key set twice stops the start
 * with a clear error and a non-zero exit before anything listens.
 */
class DaemonConfigIT {

    private static void writeConfig(Path root, String json) throws Exception {
        Path f = root.resolve("daemon.json");
        Files.writeString(f, json);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }

    /** Runs {@code cairn daemon ARGS…} expecting it to refuse to start; returns its exit and output. */
    private static Exec.Result refusedStart(Cairn c, String... args) throws Exception {
        List<String> cmd = c.command(concat("daemon", args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the daemon started despite its configuration");
        }
        String out = new String(p.getInputStream().readAllBytes());
        return new Exec.Result(cmd, p.exitValue(), out, "");
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void theKnobsOfTheRootsDaemonJsonTakeEffect() throws Exception {
        try (Cairn c = new Cairn()) {
            writeConfig(c.root(), """
                    {
                      "durability": "sync",
                      "ring-size": 1024,
                      "batch-limit": 128,
                      "effect-threads": 3,
                      "index-block-cache": "16m",
                      "index-write-buffer": "2m",
                      "index-write-buffers-total": "8m",
                      "index-background-jobs": 3,
                      "journal-roll-cycle": "hourly"
                    }
                    """);
            c.startDaemon();
            Path file = c.root().resolve("daemon.json");
            String log = Files.readString(c.root().resolve("daemon.log"));
            assertTrue(log.contains("settings: durability=sync (" + file + "), ring-size=1024 (" + file
                    + "), batch-limit=128 (" + file + "), effect-threads=3 (" + file + "), index-block-cache=16MiB ("
                    + file + ")"), log);
            Exec.Result info = c.run("info");
            assertEquals(0, info.exit(), info.toString());
            assertTrue(info.out().contains("Durability: sync"), info.toString());
            // the pipeline works with the limit: a volume round trip
            Exec.Result create = c.run("volume", "create", "tuned");
            assertEquals(0, create.exit(), create.toString());
            assertEquals(0, c.run("volume", "rm", "tuned").exit());
            // RocksDB records the options it was opened with
            String options;
            try (var files = Files.list(c.root().resolve("index"))) {
                Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")).sorted()
                        .reduce((a, b) -> b).orElseThrow();
                options = Files.readString(latest);
            }
            assertTrue(options.contains("write_buffer_size=2097152"), options);
            assertTrue(options.contains("max_background_jobs=3"), options);
            // (RocksDB's OPTIONS file records neither the shared cache's capacity nor the write buffer manager's)
        }
    }

    @Test
    void logLevelFromTheFileSetsTheDaemonLogsThreshold() throws Exception {
        try (Cairn c = new Cairn()) {
            writeConfig(c.root(), "{\"log-level\": \"warn\"}");
            c.startDaemon();
            assertEquals(0, c.run("info").exit());
            c.stopDaemon();
            String log = Files.readString(c.root().resolve("daemon.log"));
            assertFalse(log.contains("listening on"), "INFO lines are below the threshold:\n" + log);
            assertFalse(log.contains("INFO"), log);
        }
    }

    @Test
    void aBadFileStopsTheStartNamingTheFileTheKeyAndTheValue() throws Exception {
        try (Cairn c = new Cairn()) {
            writeConfig(c.root(), "{\"ring-size\": 1000}");
            Exec.Result r = refusedStart(c);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.out().contains("Error: unable to configure the daemon: " + c.root().resolve("daemon.json")
                    + ": \"ring-size\": 1000 is not a power of two"), r.toString());
            assertFalse(Files.exists(c.root().resolve("cairn.sock")), "nothing listens");
            assertFalse(Files.exists(c.root().resolve("cairn.pid")));

            writeConfig(c.root(), "{\"ring-size\": 1024,\n \"bogus\": 1}");
            r = refusedStart(c);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.out().contains("the following directives don't match any configuration option: bogus"),
                    r.toString());

            writeConfig(c.root(), "{\"durability\": \"sync\"}");
            r = refusedStart(c, "--durability", "process");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.out().contains("the following directives are specified both as a flag and in the"
                    + " configuration file: --durability: (from flag: process, from file: sync)"), r.toString());
        }
    }

    @Test
    void systemTuneMeasuresAndWritesADaemonJsonTheDaemonAccepts() throws Exception {
        try (Cairn c = new Cairn()) {
            Exec.Result r = c.run(Map.of(), "system", "tune", "--measure-ms", "150", "--write");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("fsync on " + c.root().resolve("tmp")), r.toString());
            assertTrue(r.out().contains("Recommended settings:"), r.toString());
            assertTrue(r.out().contains("\"ring-size\""), r.toString());
            try (var left = Files.list(c.root().resolve("tmp"))) {
                assertEquals(List.of(), left.toList(), "the scratch directory is gone");
            }
            // whatever it wrote (or nothing, when the defaults won), the daemon starts with it
            c.startDaemon();
            assertEquals(0, c.run("info").exit());
        }
    }
}
