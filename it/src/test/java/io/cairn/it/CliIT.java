package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon through the CLI, exactly as a user types it (bin/cairn, real daemon, real files). */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Cairn cairn;

    @BeforeEach
    void setUp() throws Exception {
        cairn = new Cairn();
    }

    @AfterEach
    void tearDown() throws Exception {
        cairn.close();
    }

    @Test
    void volumeLifecycleAutoStartsTheDaemon() throws Exception {
        Exec.Result created = cairn.run("volume", "create", "--label", "team=a", "data");
        assertEquals(0, created.exit(), created.toString());
        assertEquals("data\n", created.out());
        assertTrue(cairn.daemonPid() > 0, "the first command started a daemon");
        assertTrue(Files.isDirectory(cairn.root().resolve("volumes/data")));

        assertEquals(0, cairn.run("volume", "create", "logs").exit());
        Exec.Result ls = cairn.run("volume", "ls");
        assertEquals("DRIVER    VOLUME NAME\nlocal     data\nlocal     logs\n", ls.out());
        assertEquals("data\nlogs\n", cairn.run("volume", "ls", "-q").out());
        assertEquals("data\n", cairn.run("volume", "ls", "-q", "--filter", "label=team=a").out());
        JsonNode row = JSON.readTree(cairn.run("volume", "ls", "--format", "json").lines().get(0));
        assertEquals("data", row.path("Name").asText());
        assertEquals("team=a", row.path("Labels").asText());

        Exec.Result inspect = cairn.run("volume", "inspect", "data", "missing");
        assertEquals(1, inspect.exit());
        JsonNode array = JSON.readTree(inspect.out());
        assertEquals(1, array.size());
        assertEquals(cairn.root().resolve("volumes/data").toString(), array.get(0).path("Mountpoint").asText());
        assertEquals("Error: No such volume: missing\n", inspect.err());

        Exec.Result rm = cairn.run("volume", "rm", "data", "missing");
        assertEquals(1, rm.exit());
        assertEquals("data\n", rm.out());
        assertEquals("Error: get missing: no such volume\n", rm.err());
        assertFalse(Files.exists(cairn.root().resolve("volumes/data")));
        assertEquals(0, cairn.run("volume", "rm", "-f", "missing").exit());

        Exec.Result prune = cairn.run("volume", "prune", "-f", "--all");
        assertEquals("Deleted Volumes:\nlogs\n\nTotal reclaimed space: 0B\n", prune.out());
        assertEquals("", cairn.run("volume", "ls", "-q").out());
    }

    @Test
    void badUsageExits125AndFailuresExit1() throws Exception {
        Exec.Result template = cairn.run("volume", "ls", "--format", "{{.Name}}");
        assertEquals(125, template.exit());
        assertTrue(template.err().startsWith("Error: --format: Go templates are not supported"), template.err());
        assertEquals(125, cairn.run("volume", "ls", "--no-such-flag").exit());
        assertEquals(125, cairn.run("volume", "ls", "--filter", "nokey").exit());
        Exec.Result badFilter = cairn.run("volume", "ls", "--filter", "colour=red");
        assertEquals(1, badFilter.exit());
        assertEquals("Error: invalid filter 'colour'\n", badFilter.err());
        Exec.Result badName = cairn.run("volume", "create", "a/b");
        assertEquals(1, badName.exit());
        assertTrue(badName.err().startsWith("Error: \"a/b\" includes invalid characters"), badName.err());
        assertEquals(125, cairn.run("events", "--since", "yesterday-ish", "--until", "0s").exit());
    }

    @Test
    void eventsSurviveARestartWithTimeAndUid() throws Exception {
        cairn.startDaemon();
        cairn.run("volume", "create", "v1");
        cairn.run("volume", "rm", "v1");
        long pid = cairn.daemonPid();
        cairn.stopDaemon();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        for (String file : List.of("cairn.pid", "cairn.sock", "cairn.lock")) {
            assertFalse(Files.exists(cairn.root().resolve(file)), file + " removed on a clean stop");
        }
        Exec.Result events = cairn.run("events", "--until", "0s", "--filter", "type=volume");
        assertEquals(0, events.exit(), events.toString());
        List<String> lines = events.lines();
        assertEquals(2, lines.size(), events.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z volume create v1 "
                + "\\(driver=local, index=\\d+, uid=0\\)"), lines.get(0));
        assertTrue(lines.get(1).contains(" volume destroy v1 "), lines.get(1));

        Exec.Result json = cairn.run("events", "--since", "0", "--until", "0s", "--format", "json",
                "--filter", "type=daemon");
        List<String> actions = json.lines().stream().map(l -> read(l).path("Action").asText()).toList();
        assertEquals(List.of("start", "stop", "start"), actions, json.toString());
        JsonNode first = read(json.lines().get(0));
        assertEquals(0, first.path("uid").asInt());
        assertTrue(first.path("timeNano").asLong() > 0);
    }

    @Test
    void journalDigestRebuildAndCheck() throws Exception {
        cairn.run("volume", "create", "a1");
        cairn.run("volume", "create", "a2");
        Exec.Result verify = cairn.run("journal", "verify");
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().endsWith("journal: 3 entries, indices 1..3: ok\n"), verify.out());

        List<String> dump = cairn.run("journal", "dump", "--from", "2").lines();
        assertEquals(2, dump.size());
        assertEquals("volume.create", read(dump.get(0)).path("type").asText());
        assertEquals("a1", read(dump.get(0)).path("event").path("name").asText());

        String digest = cairn.run("system", "digest").out().trim();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        Exec.Result rebuild = cairn.run("journal", "rebuild");
        assertEquals(0, rebuild.exit(), rebuild.toString());
        assertEquals(List.of("before: " + digest, "after:  " + digest), rebuild.lines().subList(0, 2));

        assertEquals(0, cairn.run("system", "check").exit());
        Files.delete(cairn.root().resolve("volumes/a1"));
        Exec.Result check = cairn.run("system", "check");
        assertEquals(1, check.exit());
        assertTrue(check.out().contains("problem: volume a1: directory " + cairn.root().resolve("volumes/a1")
                + " is missing\n"), check.out());
    }

    @Test
    void oneDaemonPerRootAndTheRootFromEverywhere() throws Exception {
        cairn.startDaemon();
        Exec.Result second = cairn.run("daemon");
        assertEquals(1, second.exit());
        assertTrue(second.err().contains("another daemon holds " + cairn.root().resolve("cairn.lock")), second.err());

        Exec.Result after = Exec.run(List.of(Cairn.LAUNCHER.toString(), "volume", "create", "--root",
                cairn.root().toString(), "late"), Map.of());
        assertEquals(0, after.exit(), after.toString());
        Exec.Result env = Exec.run(List.of(Cairn.LAUNCHER.toString(), "volume", "ls", "-q"),
                Map.of("CAIRN_ROOT", cairn.root().toString()));
        assertEquals("late\n", env.out());
        Exec.Result info = cairn.run("info");
        assertTrue(info.out().contains(" Root: " + cairn.root() + "\n"), info.out());
        assertTrue(info.out().contains(" Volumes: 1\n"), info.out());
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
