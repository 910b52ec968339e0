package io.cairn.engine.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.pipeline.PipelineSettings;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.RollPeriod;
import io.cairn.storage.index.rocks.RocksSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }

    private String refusal(String json) throws IOException {
        Path f = write("daemon.json", json);
        return assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(f, false)).getMessage();
    }

    private static DaemonConfig resolve(DaemonConfigFile file, Map<ConfigKey, Object> flags) {
        return DaemonConfig.resolve(file, flags, DaemonConfig.defaults("default"));
    }

    @Test
    void everyKnobIsReadAndThreadedIntoItsSettingsRecord() throws IOException {
        Path f = write("daemon.json", """
                {"data-root": "/srv/cairn", "log-level": "debug", "durability": "sync", "runtime": "crun",
                 "group": "ops", "max-followers": 32, "bridge": "none",
                 "insecure-registries": ["reg.local:5000"], "registry-mirrors": ["https://mirror.example"],
                 "registry-certs-dir": "/etc/cairn/certs.d", "registry-timeout": 30,
                 "ring-size": 1024, "batch-limit": 256, "effect-threads": 4,
                 "index-block-cache": "64m", "index-write-buffer": 4194304, "index-write-buffers-total": "16MiB",
                 "index-max-write-buffers": 3, "index-background-jobs": 4, "journal-roll-cycle": "hourly"}
                """);
        DaemonConfig c = resolve(DaemonConfigFile.read(f, false), Map.of());
        assertEquals(Optional.of(Path.of("/srv/cairn")), c.dataRoot());
        assertEquals(java.util.logging.Level.FINE, c.logLevel());
        assertEquals(Durability.SYNC, c.durability());
        assertEquals("crun", c.runtime());
        assertEquals(Optional.of("ops"), c.group());
        assertEquals(32, c.maxFollowers());
        assertEquals(false, c.defaultBridge());
        assertEquals(List.of("reg.local:5000"), c.insecureRegistries());
        assertEquals(List.of("https://mirror.example"), c.registryMirrors());
        assertEquals(Path.of("/etc/cairn/certs.d"), c.registryCertsDir());
        assertEquals(30, c.registryTimeoutSeconds());
        assertEquals(new PipelineSettings(1024, 256, 4), c.pipeline());
        assertEquals(new RocksSettings(64L << 20, 4L << 20, 3, 16L << 20, 4), c.index());
        assertEquals(RollPeriod.HOURLY, c.journalRollCycle());
        assertEquals(f.toString(), c.origins().get(ConfigKey.RING_SIZE));
        assertTrue(c.describe().contains("ring-size=1024 (" + f + ")"), c.describe());
    }

    @Test
    void noFileGivesTheDaemonsFormerDefaults() {
        DaemonConfig c = resolve(DaemonConfigFile.none(), Map.of());
        assertEquals(PipelineSettings.DEFAULTS, c.pipeline());
        assertEquals(RocksSettings.DEFAULTS, c.index());
        assertEquals(Durability.PROCESS, c.durability());
        assertEquals(RollPeriod.DAILY, c.journalRollCycle());
        assertEquals(256, c.maxFollowers());
        assertEquals(Optional.empty(), c.dataRoot());
    }

    @Test
    void aFlagWinsOverTheDefaultAndAKeySetBothWaysIsRefusedAsDockerdDoes() throws IOException {
        Path f = write("daemon.json", "{\"ring-size\": 1024, \"durability\": \"sync\"}");
        DaemonConfigFile file = DaemonConfigFile.read(f, false);
        DaemonConfig c = resolve(file, Map.of(ConfigKey.EFFECT_THREADS, 8));
        assertEquals(new PipelineSettings(1024, 0, 8), c.pipeline());
        assertEquals("flag --effect-threads", c.origins().get(ConfigKey.EFFECT_THREADS));
        String m = assertThrows(DaemonConfigException.class,
                () -> resolve(file, Map.of(ConfigKey.DURABILITY, "process"))).getMessage();
        assertEquals("unable to configure the daemon with file " + f + ": the following directives are specified"
                + " both as a flag and in the configuration file: --durability: (from flag: process, from file: sync)", m);
    }

    @Test
    void outOfRangeValuesNameTheFileTheKeyAndTheValue() throws IOException {
        Path f = dir.resolve("daemon.json");
        assertEquals(f + ": \"ring-size\": 1000 is not a power of two", refusal("{\"ring-size\": 1000}"));
        assertEquals(f + ": \"ring-size\": 32 is out of range: expected a power of two between 64 and 65536",
                refusal("{\"ring-size\": 32}"));
        assertEquals(f + ": \"effect-threads\": -1 is out of range: expected a number between 1 and 64",
                refusal("{\"effect-threads\": -1}"));
        assertEquals(f + ": \"batch-limit\": -5 is out of range: expected a number between 0 and 65536",
                refusal("{\"batch-limit\": -5}"));
        assertEquals(f + ": \"index-block-cache\": 1024 is out of range: expected a size between 1MiB and 4GiB",
                refusal("{\"index-block-cache\": 1024}"));
        assertEquals(f + ": \"ring-size\": 99999999999 is out of range", refusal("{\"ring-size\": 99999999999}"));
        assertEquals(f + ": \"durability\": \"fast\" is not one of process, sync", refusal("{\"durability\": \"fast\"}"));
        assertEquals(f + ": \"data-root\": \"relative/dir\" is not an absolute path",
                refusal("{\"data-root\": \"relative/dir\"}"));
    }

    @Test
    void valuesThatContradictEachOtherAreRefusedNamingBoth() throws IOException {
        Path f = write("daemon.json", "{\"ring-size\": 128, \"batch-limit\": 256}");
        DaemonConfigFile file = DaemonConfigFile.read(f, false);
        assertEquals(f + ": \"batch-limit\": 256 is larger than the ring (" + f + ": \"ring-size\": 128)",
                assertThrows(DaemonConfigException.class, () -> resolve(file, Map.of())).getMessage());
        Path g = write("other.json", "{\"index-write-buffer\": \"8m\", \"index-write-buffers-total\": \"4m\"}");
        DaemonConfigFile other = DaemonConfigFile.read(g, false);
        assertEquals(g + ": \"index-write-buffers-total\": 4MiB is smaller than one family's memtable (" + g
                        + ": \"index-write-buffer\": 8MiB)",
                assertThrows(DaemonConfigException.class, () -> resolve(other, Map.of())).getMessage());
    }

    @Test
    void wrongTypesAreRefused() throws IOException {
        Path f = dir.resolve("daemon.json");
        assertEquals(f + ": \"ring-size\": expected a whole number, got \"1024\"", refusal("{\"ring-size\": \"1024\"}"));
        assertEquals(f + ": \"ring-size\": expected a whole number, got 1024.5", refusal("{\"ring-size\": 1024.5}"));
        assertEquals(f + ": \"ring-size\": expected a whole number, got null", refusal("{\"ring-size\": null}"));
        assertEquals(f + ": \"durability\": expected a string, got true", refusal("{\"durability\": true}"));
        assertEquals(f + ": \"registry-mirrors\": expected a list of strings, got \"https://m\"",
                refusal("{\"registry-mirrors\": \"https://m\"}"));
        assertEquals(f + ": \"registry-mirrors\": expected a list of strings, got 5", refusal("{\"registry-mirrors\": [5]}"));
        assertEquals(f + ": \"index-block-cache\": \"lots\" is not a size (bytes, or a number with k, m, g:"
                + " \"64m\", \"1GiB\")", refusal("{\"index-block-cache\": \"lots\"}"));
        assertEquals(f + ": expected a JSON object ({\"key\": value, …}), got array", refusal("[1, 2]"));
    }

    @Test
    void unknownKeysAreRefusedAndDockerKeysCairnLacksSayWhy() throws IOException {
        Path f = dir.resolve("daemon.json");
        assertEquals(f + ": the following directives don't match any configuration option: ringsize, cache"
                + " (docs/TUNING.md lists the keys)", refusal("{\"ringsize\": 1024, \"cache\": 1}"));
        assertEquals(f + ": \"default-ulimits\": daemon-wide default ulimits are not implemented; give each container"
                + " --ulimit", refusal("{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 64, \"Soft\": 64}}}"));
        assertEquals(f + ": \"storage-driver\": Cairn has one storage driver, overlay",
                refusal("{\"storage-driver\": \"overlay2\"}"));
        assertEquals(f + ": \"iptables\": a dockerd setting Cairn does not implement", refusal("{\"iptables\": false}"));
    }

    @Test
    void duplicateKeysAndMalformedJsonAreRefusedWithTheirPosition() throws IOException {
        Path f = dir.resolve("daemon.json");
        String dup = refusal("{\n  \"ring-size\": 1024,\n  \"ring-size\": 2048\n}");
        assertTrue(dup.startsWith(f + ": malformed JSON at line 3, column "), dup);
        assertTrue(dup.contains("Duplicate field 'ring-size'"), dup);
        String bad = refusal("{\n  \"ring-size\": 1024,\n  \"durability\" \"sync\"\n}");
        assertTrue(bad.startsWith(f + ": malformed JSON at line 3, column 16: "), bad);
        String trailing = refusal("{\"ring-size\": 1024} {\"ring-size\": 2048}");
        assertTrue(trailing.startsWith(f + ": malformed JSON at line 1, column "), trailing);
        String comment = refusal("{ // tuned\n \"ring-size\": 1024}");
        assertTrue(comment.startsWith(f + ": malformed JSON at line 1, column 3: Unexpected character"), comment);
    }

    @Test
    void anEmptyFileSetsNothing() throws IOException {
        Path f = write("daemon.json", "  \n");
        assertEquals(Map.of(), DaemonConfigFile.read(f, false).values());
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll() throws IOException {
        Path f = dir.resolve("daemon.json");
        try (var out = Files.newOutputStream(f)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces); // 64 MiB of whitespace: valid JSON if read whole
            }
        }
        String m = assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(f, false)).getMessage();
        assertEquals(f + ": is larger than 65536 bytes; is it the right file?", m);
    }

    @Test
    void aLinkNamedDaemonJsonInTheRootIsRefusedButAnOperatorsLinkedFileIsFollowed() throws IOException {
        Path target = write("elsewhere.json", "{\"ring-size\": 2048}");
        Path link = Files.createSymbolicLink(dir.resolve("daemon.json"), target);
        String m = assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(link, false)).getMessage();
        assertEquals(link + ": is a symbolic link; the daemon.json in the root must be the file itself"
                + " (name a linked file with --config-file)", m);
        assertEquals(Map.of(ConfigKey.RING_SIZE, 2048), DaemonConfigFile.read(link, true).values());
    }

    @Test
    void aFileOthersMayWriteOrThatIsNotRegularIsRefused() throws IOException, InterruptedException {
        Path f = write("daemon.json", "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(f + ": may be written by its group or others (mode rw-rw-rw-); it chooses what the daemon runs:"
                + " chmod go-w " + f, assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(f, true))
                .getMessage());
        Path fifo = dir.resolve("fifo.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        // a fifo would block the start forever if it were opened
        assertEquals(fifo + ": is not a regular file",
                assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(fifo, true)).getMessage());
        Path devZero = Path.of("/dev/zero");
        assertEquals("/dev/zero: is not a regular file",
                assertThrows(DaemonConfigException.class, () -> DaemonConfigFile.read(devZero, true)).getMessage());
    }

    @Test
    void theLookupPrefersTheFlagThenTheRootThenTheSystemFile() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path system = write("system.json", "{\"ring-size\": 256}");
        ConfigFileLookup lookup = new ConfigFileLookup(system);
        assertEquals(system, lookup.read(root, Optional.empty()).path());
        Files.writeString(root.resolve("daemon.json"), "{\"ring-size\": 512}");
        Files.setPosixFilePermissions(root.resolve("daemon.json"), PosixFilePermissions.fromString("rw-------"));
        assertEquals(Map.of(ConfigKey.RING_SIZE, 512), lookup.read(root, Optional.empty()).values());
        Path named = write("named.json", "{\"ring-size\": 128}");
        assertEquals(Map.of(ConfigKey.RING_SIZE, 128), lookup.read(root, Optional.of(named)).values());
        assertEquals(dir.resolve("missing.json") + ": cannot read: no such file", assertThrows(DaemonConfigException.class,
                () -> lookup.read(root, Optional.of(dir.resolve("missing.json")))).getMessage());
        Path bare = Files.createDirectories(dir.resolve("bare"));
        assertEquals(DaemonConfigFile.none(), new ConfigFileLookup(dir.resolve("no-such")).read(bare, Optional.empty()));
    }

    @Test
    void sizesReadAsDockerWritesThem() {
        assertEquals(Optional.of(64L << 20), ConfigKey.Sizes.parse("64m"));
        assertEquals(Optional.of(64L << 20), ConfigKey.Sizes.parse("64MiB"));
        assertEquals(Optional.of(1L << 30), ConfigKey.Sizes.parse("1G"));
        assertEquals(Optional.of(512L << 10), ConfigKey.Sizes.parse("512kb"));
        assertEquals(Optional.of(100L), ConfigKey.Sizes.parse("100"));
        assertEquals(Optional.empty(), ConfigKey.Sizes.parse("-1m"));
        assertEquals(Optional.empty(), ConfigKey.Sizes.parse("9999999999999t"));
        assertEquals("8MiB", ConfigKey.Sizes.describe(8L << 20));
    }

    @Test
    void theSettingsRecordsRefuseWhatTheParserWouldToo() {
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(1000, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(1024, 2048, 2));
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(1024, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RocksSettings(1024, 1L << 20, 2, 4L << 20, 2));
        assertThrows(IllegalArgumentException.class, () -> new RocksSettings(8L << 20, 8L << 20, 2, 4L << 20, 2));
    }
}
