package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What issue 12 left open, with real conmon and runc: detach keys for exec (the command runs on)
 * and {@code run -d}; the terminal's size at start ({@code HostConfig.ConsoleSize}, exec's
 * {@code ConsoleSize}); {@code update --restart}, journaled; the health probes' streak and log
 * across a daemon restart. Each with its attack: bad keys, absurd sizes, {@code --restart} on an
 * {@code --rm} container.
 */
class ContainerGapsIT extends WithBusyboxDaemon {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request on its own connection: status and body. */
    private static String[] api(String method, String path, String json) throws Exception {
        try (RawHttp c = RawHttp.connect(cairn.root().resolve("cairn.sock"))) {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            c.request(method + " " + path, "Content-Type: application/json", "Content-Length: " + body.length);
            c.send(body);
            return c.answer();
        }
    }

    private static JsonNode inspect(String ref) throws Exception {
        String[] r = api("GET", "/containers/" + ref + "/json", null);
        assertEquals("200", r[0], r[1]);
        return JSON.readTree(r[1]);
    }

    private static JsonNode await(String ref, Predicate<JsonNode> done) throws Exception {
        JsonNode c = inspect(ref);
        for (int i = 0; i < 300 && !done.test(c); i++) {
            Thread.sleep(100);
            c = inspect(ref);
        }
        assertTrue(done.test(c), c.toString());
        return c;
    }

    private static String exec(String container, String config) throws Exception {
        String[] created = api("POST", "/containers/" + container + "/exec", config);
        assertEquals("201", created[0], created[1]);
        return JSON.readTree(created[1]).path("Id").asText();
    }

    private static RawHttp startHijacked(String exec, boolean tty) throws Exception {
        RawHttp start = RawHttp.connect(cairn.root().resolve("cairn.sock"));
        byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.UTF_8);
        start.request("POST /exec/" + exec + "/start", "Connection: Upgrade", "Upgrade: tcp",
                "Content-Type: application/json", "Content-Length: " + body.length);
        start.send(body);
        assertEquals(101, start.head().status());
        return start;
    }

    private static JsonNode execInspect(String exec) throws Exception {
        return JSON.readTree(api("GET", "/exec/" + exec + "/json", null)[1]);
    }

    /** The actions of the container's events so far, oldest first. */
    private static List<String> actions(String id) throws Exception {
        List<String> actions = new ArrayList<>();
        for (String line : cairn.run("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "container=" + id, "--format", "json").ok().lines()) {
            actions.add(JSON.readTree(line).path("Action").asText());
        }
        return actions;
    }

    // ---- detach keys

    @Test
    void execDetachKeysLeaveTheCommandRunningAndItsEndIsStillRecorded() throws Exception {
        String id = cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
        // with a terminal: the keys end the client's stream, not the command
        String tty = exec(id, "{\"AttachStdin\":true,\"AttachStdout\":true,\"Tty\":true,\"DetachKeys\":\"ctrl-x,y\","
                + "\"Cmd\":[\"sh\",\"-c\",\"read x; echo got-$x; sleep 2; exit 5\"]}");
        assertEquals("ctrl-x,y", execInspect(tty).path("DetachKeys").asText());
        try (RawHttp start = startHijacked(tty, true)) {
            start.send("hi\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("got-hi")) {
                byte[] b = start.read(1);
                assertEquals(1, b.length, "the stream ended before the command's answer: " + seen);
                seen.append((char) b[0]);
            }
            start.send(new byte[] {24, 'y'});
            start.rest(); // the daemon lets the client go at once: rest() ends within its deadline
        }
        JsonNode running = execInspect(tty);
        assertTrue(running.path("Running").asBoolean(), "detached, the command runs on: " + running);
        for (int i = 0; i < 100 && execInspect(tty).path("Running").asBoolean(); i++) {
            Thread.sleep(100);
        }
        assertEquals(5, execInspect(tty).path("ExitCode").asInt(), "its exit is recorded after the client left");

        // without a terminal the keys are data, as in Docker: piped (binary) input passes untouched
        String pipe = exec(id, "{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,"
                + "\"DetachKeys\":\"ctrl-p,ctrl-q\",\"Cmd\":[\"sh\",\"-c\",\"cat >/tmp/in; exit 7\"]}");
        try (RawHttp start = startHijacked(pipe, false)) {
            start.send("abc\u0010\u0011def".getBytes(StandardCharsets.US_ASCII));
            start.shutdownOutput();
            assertEquals(0, start.rest().length);
        }
        assertEquals(7, execInspect(pipe).path("ExitCode").asInt());
        assertEquals("abc\u0010\u0011def", cairn.run("exec", id, "cat", "/tmp/in").ok().out());
        List<String> actions = actions(id);
        assertEquals(3, actions.stream().filter(a -> a.equals("exec_die")).count(), "tty, pipe, cat: " + actions);
    }

    @Test
    void attachDetachKeysWorkOnATerminal() throws Exception {
        String id = cairn.run("create", "-i", "-t", "bb", "sh", "-c", "read x; echo got-$x; sleep 600").ok().out().strip();
        try (RawHttp attach = RawHttp.connect(cairn.root().resolve("cairn.sock"))) {
            attach.request("POST /containers/" + id + "/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-a,x",
                    "Connection: Upgrade", "Upgrade: tcp", "Content-Length: 0");
            assertEquals(101, attach.head().status());
            assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
            attach.send("hi\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("got-hi")) {
                byte[] b = attach.read(1);
                assertEquals(1, b.length, "the stream ended early: " + seen);
                seen.append((char) b[0]);
            }
            attach.send(new byte[] {1, 'x'});
            attach.rest();
        }
        assertTrue(inspect(id).path("State").path("Running").asBoolean(), "detached, the container runs on");
    }

    @Test
    void badDetachKeysAreRefusedClearlyEverywhere() throws Exception {
        String id = cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
        String[] r = api("POST", "/containers/" + id + "/exec", "{\"Cmd\":[\"true\"],\"DetachKeys\":\"ctrl-1\"}");
        assertEquals("400", r[0], r[1]);
        assertTrue(r[1].contains("invalid detach keys 'ctrl-1'"), r[1]);
        assertEquals("400", api("POST", "/containers/" + id + "/exec", "{\"Cmd\":[\"true\"],\"DetachKeys\":[1]}")[0]);
        Exec.Result exec = cairn.run("exec", "--detach-keys", "meta-q", id, "true");
        assertNotEquals(0, exec.exit());
        assertTrue(exec.err().contains("unknown key 'meta-q'"), exec.toString());

        // run -d: checked, then nothing to attach them to (Docker's CLI sends them with an attach only)
        Exec.Result bad = cairn.run("run", "-d", "--detach-keys", "ctrl-é", "bb", "true");
        assertEquals(125, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("invalid detach keys"), bad.toString());
        Exec.Result good = cairn.run("run", "-d", "--detach-keys", "ctrl-a,x", "bb", "sleep", "600");
        assertEquals(0, good.exit(), good.toString());
        String attach = "/containers/" + good.out().strip() + "/attach?stream=1&stdout=1&detachKeys=ctrl-%3F";
        assertEquals("400", api("POST", attach, null)[0], "an attach's own keys are checked too");
    }

    @Test
    void theCliDetachesFromAnExecWithItsKeysAndTheCommandRunsOn() throws Exception {
        Path script = Tools.require("script", "apt-get install -y bsdutils");
        String id = cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
        String cairnCmd = String.join(" ", cairn.command("exec", "-it", "--detach-keys", "ctrl-x,y", id, "sleep", "123"));
        long begun = System.nanoTime();
        Exec.Result r = Exec.run(List.of("sh", "-c", "(sleep 3; printf '\\030y'; sleep 2) | " + script
                + " -qec \"" + cairnCmd + "\" /dev/null"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(System.nanoTime() - begun < 60_000_000_000L, "the client left long before the command's end");
        assertTrue(cairn.run("top", id).ok().out().contains("sleep 123"), "the command runs on after the detach");
    }

    // ---- the terminal's size at start

    @Test
    void consoleSizeIsTheTerminalsSizeFromTheFirstInstruction() throws Exception {
        String[] created = api("POST", "/containers/create", "{\"Image\":\"bb\",\"Tty\":true,\"Cmd\":[\"stty\",\"size\"],"
                + "\"HostConfig\":{\"ConsoleSize\":[33,101]}}");
        assertEquals("201", created[0], created[1]);
        String id = JSON.readTree(created[1]).path("Id").asText();
        assertEquals(List.of(33, 101), List.of(inspect(id).path("HostConfig").path("ConsoleSize").get(0).asInt(),
                inspect(id).path("HostConfig").path("ConsoleSize").get(1).asInt()));
        assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
        assertEquals("{\"StatusCode\":0}", api("POST", "/containers/" + id + "/wait", null)[1].strip());
        assertEquals("33 101", cairn.run("logs", id).ok().out().strip(), "no resize came: the size was there at start");

        for (String absurd : List.of("[0,80]", "[70000,80]", "[-1,5]", "[24]", "\"24x80\"", "[24.5,80]")) {
            String[] r = api("POST", "/containers/create", "{\"Image\":\"bb\",\"Tty\":true,\"HostConfig\":{\"ConsoleSize\":"
                    + absurd + "}}");
            assertEquals("400", r[0], absurd + ": " + r[1]);
            assertTrue(r[1].contains("ConsoleSize"), r[1]);
        }

        // exec's ConsoleSize (API 1.42): the same, without a resize
        String box = cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
        String exec = exec(box, "{\"AttachStdout\":true,\"Tty\":true,\"ConsoleSize\":[22,88],\"Cmd\":[\"stty\",\"size\"]}");
        try (RawHttp start = startHijacked(exec, true)) {
            String said = new String(start.rest(), StandardCharsets.UTF_8);
            assertTrue(said.contains("22 88"), "exec's stty said: [" + said + "]; exec: " + execInspect(exec));
        }
        assertEquals("400", api("POST", "/containers/" + box + "/exec",
                "{\"Tty\":true,\"ConsoleSize\":[22,0],\"Cmd\":[\"true\"]}")[0]);

        // the CLI sends its terminal's size: stty reads it at once, before any resize could land
        Path script = Tools.require("script", "apt-get install -y bsdutils");
        String run = String.join(" ", cairn.command("run", "-t", "--rm", "bb", "stty", "size"));
        Exec.Result r = Exec.run(List.of(script.toString(), "-qec", "stty rows 41 cols 131; " + run, "/dev/null"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("41 131"), r.out());
    }

    // ---- update --restart

    @Test
    void updateRestartIsObeyedJournaledAndRefusedOnAnRmContainer() throws Exception {
        // it ends (exit 3) once the test says so, so the update surely comes before its first exit
        String id = cairn.run("run", "-d", "--name", "flaky", "bb", "sh", "-c",
                "while [ ! -e /tmp/go ]; do sleep 0.1; done; exit 3").ok().out().strip();
        assertEquals(0, cairn.run("update", "--restart", "on-failure:1", "flaky").exit());
        JsonNode policy = inspect(id).path("HostConfig").path("RestartPolicy");
        assertEquals("on-failure", policy.path("Name").asText());
        assertEquals(1, policy.path("MaximumRetryCount").asInt());
        // the process's next exit obeys the new policy: one restart (which finds /tmp/go), then it stays exited
        assertEquals(0, cairn.run("exec", "flaky", "touch", "/tmp/go").exit());
        JsonNode done = await(id, c -> c.path("RestartCount").asInt() == 1
                && c.path("State").path("Status").asText().equals("exited"));
        assertEquals(3, done.path("State").path("ExitCode").asInt());

        assertEquals(0, cairn.run("update", "--restart", "always", "flaky").exit());
        cairn.stopDaemon(true); // SIGKILL: only the journal knows
        cairn.startDaemon();
        assertEquals("always", inspect(id).path("HostConfig").path("RestartPolicy").path("Name").asText());
        assertEquals(2, actions(id).stream().filter(a -> a.equals("update")).count(), actions(id).toString());

        Exec.Result bogus = cairn.run("update", "--restart", "sometimes", "flaky");
        assertNotEquals(0, bogus.exit());
        assertTrue(bogus.err().contains("invalid restart policy 'sometimes'"), bogus.toString());
        assertNotEquals(0, cairn.run("update", "--restart", "always:3", "flaky").exit(), "a count with always");

        String rm = cairn.run("run", "-d", "--rm", "bb", "sleep", "600").ok().out().strip();
        Exec.Result refused = cairn.run("update", "--restart", "always", rm);
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().contains("Restart policy cannot be updated because AutoRemove is enabled for the container"),
                refused.toString());
        assertEquals("409", api("POST", "/containers/" + rm + "/update", "{\"RestartPolicy\":{\"Name\":\"unless-stopped\"}}")[0]);
        assertEquals(0, cairn.run("update", "--restart", "no", rm).exit(), "no stays allowed, as in Docker");
        assertEquals("400", api("POST", "/containers/" + rm + "/update", "{\"RestartPolicy\":\"always\"}")[0]);
    }

    // ---- health across a daemon restart

    @Test
    void theHealthStreakAndLogSurviveADaemonRestart() throws Exception {
        String id = cairn.run("run", "-d", "--health-cmd", "echo sick; exit 1", "--health-interval", "200ms",
                "--health-retries", "2", "bb", "sleep", "600").ok().out().strip();
        await(id, c -> c.path("State").path("Health").path("Log").size() >= 3);
        assertEquals(0, cairn.run("stop", "-t", "1", id).exit()); // no more probes: the record is still
        JsonNode before = inspect(id).path("State").path("Health");
        assertEquals("unhealthy", before.path("Status").asText());
        assertTrue(before.path("FailingStreak").asInt() >= 2, before.toString());
        assertEquals("sick\n", before.path("Log").get(0).path("Output").asText());
        assertEquals(1, before.path("Log").get(0).path("ExitCode").asInt());

        cairn.stopDaemon(true);
        cairn.startDaemon();
        assertEquals(before, inspect(id).path("State").path("Health"), "replay rebuilt State.Health");

        // one journal entry per probe, and the stream still shows Docker's three messages for it
        List<String> events = actions(id);
        long creates = events.stream().filter(a -> a.startsWith("exec_create: /bin/sh -c echo sick; exit 1")).count();
        long dies = events.stream().filter(a -> a.equals("exec_die")).count();
        assertTrue(creates >= 3 && creates == dies, events.toString());
        Exec.Result dump = cairn.run("journal", "dump");
        long probes = dump.lines().stream().filter(l -> l.contains("container.health-probe") && l.contains(id)).count();
        long execs = dump.lines().stream().filter(l -> l.contains("exec.create") && l.contains(id)).count();
        assertEquals(creates, probes, "a probe is one entry");
        assertEquals(0, execs, "a probe journals no exec events of its own");
    }

    @Test
    void theDockerCliUpdatesTheRestartPolicy() throws Exception {
        Path docker = Tools.require("docker", "apt-get install -y docker.io (the CLI is enough)");
        String id = cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + cairn.root().resolve("cairn.sock"),
                "DOCKER_CONFIG", cairn.root().resolveSibling(cairn.root().getFileName() + "-docker-config").toString());
        Exec.Result r = Exec.run(List.of(docker.toString(), "update", "--restart", "unless-stopped", id), env);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("unless-stopped", inspect(id).path("HostConfig").path("RestartPolicy").path("Name").asText());
        Exec.Result limits = Exec.run(List.of(docker.toString(), "update", "-m", "64m", id), env);
        assertEquals(0, limits.exit(), limits.toString());
        assertEquals("unless-stopped", inspect(id).path("HostConfig").path("RestartPolicy").path("Name").asText(),
                "an update without --restart keeps the policy");
    }
}
