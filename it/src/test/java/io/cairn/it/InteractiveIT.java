package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Interactive use with real conmon and runc: exec (exit codes, -e/-w/-u, stdin), attach over the
 * Docker hijack (101, multiplexed stdout/stderr, stdin), {@code run -i}, a terminal ({@code -t},
 * resize), wait conditions, and the same with the stock docker CLI where one is installed; and the
 * attacks: a stopped or missing container, a huge body, a client that leaves or never reads.
 */
class InteractiveIT extends WithBusyboxDaemon {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Beyond the mounts: no conmon, runc or client process left naming the root. */
    @AfterAll
    static void leavesNoProcess() throws Exception {
        removeAllContainers();
        assertEquals(List.of(), BusyboxImage.leftovers(cairn));
    }

    private static Path socket() {
        return cairn.root().resolve("cairn.sock");
    }

    /** One request on its own connection: status and body. */
    private static String[] api(String method, String path, String json) throws Exception {
        try (RawHttp c = RawHttp.connect(socket())) {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            c.request(method + " " + path, "Content-Type: application/json", "Content-Length: " + body.length);
            try {
                c.send(body);
            } catch (java.io.IOException refusedEarly) {
                // a 413 comes before the body's end, and the daemon closes: its answer is read below
            }
            return c.answer();
        }
    }

    private static String runningContainer() throws Exception {
        return cairn.run("run", "-d", "bb", "sleep", "600").ok().out().strip();
    }

    // ---- exec

    @Test
    void execReturnsTheCommandsOutputAndExitCode() throws Exception {
        String id = runningContainer();
        Exec.Result echo = cairn.run("exec", id, "echo", "hello");
        assertEquals(0, echo.exit(), echo.toString());
        assertEquals("hello\n", echo.out());
        Exec.Result three = cairn.run("exec", id, "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, three.exit(), three.toString());
        assertEquals("out\n", three.out());
        assertEquals("err\n", three.err());
        Exec.Result missing = cairn.run("exec", id, "no-such-command");
        assertEquals(127, missing.exit(), missing.toString());
    }

    @Test
    void execHonoursEnvWorkdirAndUser() throws Exception {
        String id = runningContainer();
        Path envFile = cairn.root().resolveSibling(cairn.root().getFileName() + "-env");
        Files.writeString(envFile, "# comment\nFROM_FILE=f\n");
        try {
            Exec.Result r = cairn.run("exec", "-e", "A=b", "--env-file", envFile.toString(), "-w", "/etc", "-u", "65534:65534",
                    id, "sh", "-c", "echo $A $FROM_FILE; pwd; id -u; id -g");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(List.of("b f", "/etc", "65534", "65534"), r.lines());
        } finally {
            Files.deleteIfExists(envFile);
        }
    }

    @Test
    void execJoinsTheContainerAndPrivilegedOnlyWidensCapabilities() throws Exception {
        String id = runningContainer();
        String containerNs = cairn.run("exec", id, "readlink", "/proc/1/ns/pid").ok().out();
        String execNs = cairn.run("exec", id, "readlink", "/proc/self/ns/pid").ok().out();
        assertEquals(containerNs, execNs, "the exec runs in the container's pid namespace");
        String plain = capEff(cairn.run("exec", id, "grep", "CapEff", "/proc/self/status").ok().out());
        String init = capEff(cairn.run("exec", id, "grep", "CapEff", "/proc/1/status").ok().out());
        assertEquals(init, plain, "an exec has the container's capabilities");
        String privileged = capEff(cairn.run("exec", "--privileged", id, "grep", "CapEff", "/proc/self/status").ok().out());
        assertTrue(Long.parseUnsignedLong(privileged, 16) > Long.parseUnsignedLong(plain, 16), privileged + " vs " + plain);
        String seccomp = cairn.run("exec", "--privileged", id, "grep", "^Seccomp:", "/proc/self/status").ok().out();
        assertTrue(seccomp.contains("2"), "still under the container's seccomp filter: " + seccomp);
    }

    private static String capEff(String line) {
        return line.strip().split("\\s+")[1];
    }

    @Test
    void execForwardsPipedStdin() throws Exception {
        String id = runningContainer();
        Path input = cairn.root().resolveSibling(cairn.root().getFileName() + "-stdin");
        Files.writeString(input, "line one\nline two\n");
        try {
            Exec.Result r = cairn.runPiped(input, "exec", "-i", id, "sh", "-c", "wc -l");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("2", r.out().strip());
        } finally {
            Files.deleteIfExists(input);
        }
    }

    @Test
    void execInAStoppedContainerIsAConflictAndInAMissingOneNotFound() throws Exception {
        String id = cairn.run("create", "bb", "true").ok().out().strip();
        String[] stopped = api("POST", "/containers/" + id + "/exec", "{\"Cmd\":[\"true\"]}");
        assertEquals("409", stopped[0], stopped[1]);
        assertEquals("conflict", JSON.readTree(stopped[1]).path("kind").asText(), stopped[1]);
        assertTrue(JSON.readTree(stopped[1]).path("message").asText().contains("is not running"), stopped[1]);
        Exec.Result cli = cairn.run("exec", id, "true");
        assertEquals(1, cli.exit(), cli.toString());
        assertTrue(cli.err().contains("is not running"), cli.toString());
        String[] missing = api("POST", "/containers/no-such-container/exec", "{\"Cmd\":[\"true\"]}");
        assertEquals("404", missing[0], missing[1]);
        String[] noExec = api("GET", "/exec/" + "ab".repeat(32) + "/json", null);
        assertEquals("404", noExec[0], noExec[1]);
    }

    @Test
    void execRefusesHugeAndMalformedBodies() throws Exception {
        String id = runningContainer();
        StringBuilder env = new StringBuilder("{\"Cmd\":[\"true\"],\"Env\":[");
        String entry = "\"K=" + "v".repeat(1000) + "\"";
        for (int i = 0; i < 5000; i++) {
            env.append(i == 0 ? "" : ",").append(entry);
        }
        String[] huge = api("POST", "/containers/" + id + "/exec", env.append("]}").toString());
        assertEquals("413", huge[0], huge[1].length() > 300 ? huge[1].substring(0, 300) : huge[1]);
        StringBuilder many = new StringBuilder("{\"Cmd\":[\"true\"],\"Env\":[");
        for (int i = 0; i < 5000; i++) {
            many.append(i == 0 ? "" : ",").append("\"K").append(i).append("=v\"");
        }
        String[] tooMany = api("POST", "/containers/" + id + "/exec", many.append("]}").toString());
        assertEquals("400", tooMany[0], tooMany[1]);
        assertEquals("400", api("POST", "/containers/" + id + "/exec", "{\"Cmd\":[]}")[0]);
        assertEquals("400", api("POST", "/containers/" + id + "/exec", "{\"Cmd\":\"true\"}")[0]);
        assertEquals("400", api("POST", "/containers/" + id + "/exec", "{\"Cmd\":[\"true\"],\"WorkingDir\":\"rel\"}")[0]);
        assertEquals("200", api("GET", "/_ping", null)[0], "the daemon serves on");
    }

    @Test
    void execEventsAreJournaledWithDockersActionNames() throws Exception {
        String id = runningContainer();
        long since = System.currentTimeMillis() / 1000 - 1;
        cairn.run("exec", id, "sh", "-c", "exit 2");
        long until = System.currentTimeMillis() / 1000 + 1;
        String[] events = api("GET", "/events?since=" + since + "&until=" + until, null);
        assertEquals("200", events[0], events[1]);
        List<String> actions = new ArrayList<>();
        for (String line : events[1].split("\n")) {
            if (!line.isBlank()) {
                JsonNode e = JSON.readTree(line);
                if (e.path("Actor").path("ID").asText().equals(id)) {
                    actions.add(e.path("Action").asText());
                }
            }
        }
        assertTrue(actions.containsAll(List.of("exec_create: sh -c exit 2", "exec_start: sh -c exit 2", "exec_die")),
                actions.toString());
    }

    // ---- attach and run -i

    @Test
    void attachHijacksAndDemultiplexesStdoutAndStderr() throws Exception {
        String id = cairn.run("create", "bb", "sh", "-c", "echo out; echo err >&2; exit 4").ok().out().strip();
        try (RawHttp attach = RawHttp.connect(socket())) {
            attach.request("POST /containers/" + id + "/attach?stream=1&stdout=1&stderr=1", "Connection: Upgrade",
                    "Upgrade: tcp", "Content-Length: 0");
            RawHttp.Head head = attach.head();
            assertEquals(101, head.status(), head.toString());
            assertEquals("tcp", head.headers().get("upgrade"));
            assertEquals("application/vnd.docker.multiplexed-stream", head.headers().get("content-type"));
            assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
            Map<Integer, String> streams = demux(attach.rest());
            assertEquals("out\n", streams.get(1));
            assertEquals("err\n", streams.get(2));
        }
        assertEquals("{\"StatusCode\":4}", api("POST", "/containers/" + id + "/wait", null)[1].strip());
    }

    @Test
    void attachForwardsStdinAndPassesItsBytesUntouched() throws Exception {
        String id = cairn.run("create", "-i", "bb", "sh", "-c", "cat; echo done").ok().out().strip();
        // a created -i container keeps its stdin open across attaches (StdinOnce false): a client that goes leaves it
        try (RawHttp attach = RawHttp.connect(socket())) {
            attach.request("POST /containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", "Connection: Upgrade",
                    "Upgrade: tcp", "Content-Length: 0");
            assertEquals(101, attach.head().status());
            assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
            attach.send("ping\n".getBytes(StandardCharsets.UTF_8));
            byte[] first = attach.read(8 + 5);
            assertEquals("ping\n", new String(first, 8, 5, StandardCharsets.UTF_8));
            // without a terminal the detach keys are data, as in Docker: binary input passes untouched
            attach.send(new byte[] {16, 17, '\n'});
            byte[] keys = attach.read(8 + 3);
            assertEquals(List.of(16, 17, 10), List.of((int) keys[8], (int) keys[9], (int) keys[10]));
        }
        JsonNode state = JSON.readTree(api("GET", "/containers/" + id + "/json", null)[1]).path("State");
        assertTrue(state.path("Running").asBoolean(), "the client went, the container runs on: " + state);
    }

    @Test
    void runInteractiveForwardsPipedStdinAndLeavesNothingWithRm() throws Exception {
        Path input = cairn.root().resolveSibling(cairn.root().getFileName() + "-hi");
        Files.writeString(input, "hi\n");
        try {
            Exec.Result r = cairn.runPiped(input, "run", "-i", "--rm", "bb", "cat");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("hi\n", r.out());
            Exec.Result code = cairn.runPiped(input, "run", "-i", "--rm", "bb", "sh", "-c", "read x; echo got $x; exit 6");
            assertEquals(6, code.exit(), code.toString());
            assertEquals("got hi\n", code.out());
            Exec.Result failed = cairn.runPiped(input, "run", "-i", "--rm", "bb", "no-such-command");
            assertEquals(127, failed.exit(), failed.toString());
        } finally {
            Files.deleteIfExists(input);
        }
        assertEquals(List.of(), cairn.run("ps", "-a", "-q").lines(), "a foreground --rm run leaves no container");
    }

    @Test
    void aTerminalWithTtyAndResize() throws Exception {
        Path script = Tools.require("script", "apt-get install -y bsdutils");
        String cairnCmd = String.join(" ", cairn.command("run", "-it", "--rm", "bb", "sh", "-c", "'tty; sleep 1; stty size; exit 9'"));
        Exec.Result r = Exec.run(List.of(script.toString(), "-qec", "stty rows 33 cols 101; " + cairnCmd, "/dev/null"));
        assertEquals(9, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s).*/dev/pts/[0-9]+\\r?\\n.*"), r.out());
        assertTrue(r.out().contains("33 101"), "the client's window size reached the container: " + r.out());

        // through the API: a resize changes what the process's terminal reports
        String id = cairn.run("create", "-i", "-t", "bb", "sh", "-c", "read x; stty size").ok().out().strip();
        try (RawHttp attach = RawHttp.connect(socket())) {
            attach.request("POST /containers/" + id + "/attach?stream=1&stdin=1&stdout=1", "Connection: Upgrade",
                    "Upgrade: tcp", "Content-Length: 0");
            RawHttp.Head head = attach.head();
            assertEquals("application/vnd.docker.raw-stream", head.headers().get("content-type"));
            assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
            assertEquals("200", api("POST", "/containers/" + id + "/resize?h=21&w=77", null)[0]);
            attach.send("\n".getBytes(StandardCharsets.US_ASCII));
            String out = new String(attach.rest(), StandardCharsets.UTF_8);
            assertTrue(out.contains("21 77"), out);
        }
        assertEquals("400", api("POST", "/containers/" + id + "/resize?h=0&w=99999999999", null)[0]);
    }

    @Test
    void execWithATerminalAndResize() throws Exception {
        String id = runningContainer();
        String created = api("POST", "/containers/" + id + "/exec", "{\"AttachStdin\":true,\"AttachStdout\":true,"
                + "\"Tty\":true,\"Cmd\":[\"sh\",\"-c\",\"read x; tty; stty size; exit 3\"]}")[1];
        String exec = JSON.readTree(created).path("Id").asText();
        try (RawHttp start = RawHttp.connect(socket())) {
            byte[] body = "{\"Detach\":false,\"Tty\":true}".getBytes(StandardCharsets.UTF_8);
            start.request("POST /exec/" + exec + "/start", "Connection: Upgrade", "Upgrade: tcp",
                    "Content-Type: application/json", "Content-Length: " + body.length);
            start.send(body);
            RawHttp.Head head = start.head();
            assertEquals(101, head.status());
            assertEquals("application/vnd.docker.raw-stream", head.headers().get("content-type"));
            String[] resized = new String[] {"409"};
            for (int i = 0; i < 50 && !resized[0].equals("200"); i++) { // until the session runs
                resized = api("POST", "/exec/" + exec + "/resize?h=22&w=88", null);
                Thread.sleep(50);
            }
            assertEquals("200", resized[0], resized[1]);
            start.send("\n".getBytes(StandardCharsets.US_ASCII));
            String out = new String(start.rest(), StandardCharsets.UTF_8);
            assertTrue(out.matches("(?s).*/dev/pts/[0-9]+\\r?\\n.*"), out);
            assertTrue(out.contains("22 88"), out);
        }
        JsonNode inspect = JSON.readTree(api("GET", "/exec/" + exec + "/json", null)[1]);
        assertEquals(3, inspect.path("ExitCode").asInt(), inspect.toString());
        assertFalse(inspect.path("Running").asBoolean());
        assertTrue(inspect.path("ProcessConfig").path("tty").asBoolean());

        Path script = Tools.require("script", "apt-get install -y bsdutils");
        String cairnCmd = String.join(" ", cairn.command("exec", "-it", id, "sh", "-c", "'tty; sleep 1; stty size; exit 4'"));
        Exec.Result r = Exec.run(List.of(script.toString(), "-qec", "stty rows 35 cols 90; " + cairnCmd, "/dev/null"));
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.out().contains("35 90"), r.out());
    }

    // ---- wait

    @Test
    void waitSendsItsHeadersAtOnceAndHonoursConditions() throws Exception {
        String id = cairn.run("create", "bb", "sh", "-c", "exit 3").ok().out().strip();
        try (RawHttp wait = RawHttp.connect(socket())) {
            wait.request("POST /containers/" + id + "/wait?condition=next-exit", "Content-Length: 0");
            RawHttp.Head head = wait.head(); // before the start: the docker CLI waits for these headers
            assertEquals(200, head.status());
            assertEquals("204", api("POST", "/containers/" + id + "/start", null)[0]);
            assertEquals(3, JSON.readTree(wait.rest()).path("StatusCode").asInt()); // the body ends with the connection
        }
        assertEquals("400", api("POST", "/containers/" + id + "/wait?condition=whenever", null)[0]);
        String rm = cairn.run("run", "-d", "--rm", "bb", "sh", "-c", "sleep 1; exit 2").ok().out().strip();
        String[] removed = api("POST", "/containers/" + rm + "/wait?condition=removed", null);
        assertEquals(2, JSON.readTree(removed[1]).path("StatusCode").asInt(), removed[1]);
        assertEquals("404", api("GET", "/containers/" + rm + "/json", null)[0]);
    }

    // ---- attacks

    @Test
    void aClientThatLeavesMidAttachAffectsNeitherTheDaemonNorTheContainer() throws Exception {
        String id = cairn.run("run", "-d", "-i", "bb", "sh", "-c", "while true; do echo tick; sleep 0.1; done").ok().out().strip();
        for (int i = 0; i < 5; i++) {
            RawHttp attach = RawHttp.connect(socket());
            attach.request("POST /containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", "Connection: Upgrade",
                    "Upgrade: tcp", "Content-Length: 0");
            assertEquals(101, attach.head().status());
            attach.read(8);
            attach.close(); // gone without a word, stdin half-sent
        }
        assertEquals("200", api("GET", "/_ping", null)[0]);
        JsonNode state = JSON.readTree(api("GET", "/containers/" + id + "/json", null)[1]).path("State");
        assertTrue(state.path("Running").asBoolean(), state.toString());
        assertTrue(cairn.run("logs", "--tail", "1", id).ok().out().endsWith("tick\n"), "it still writes");
    }

    @Test
    void aHijackedClientThatNeverReadsHoldsNothingElse() throws Exception {
        String id = runningContainer();
        String create = api("POST", "/containers/" + id + "/exec",
                "{\"AttachStdout\":true,\"Cmd\":[\"sh\",\"-c\",\"yes | head -c 20000000; echo end >&2\"]}")[1];
        String exec = JSON.readTree(create).path("Id").asText();
        try (RawHttp stalled = RawHttp.connect(socket())) {
            byte[] body = "{\"Detach\":false}".getBytes(StandardCharsets.UTF_8);
            stalled.request("POST /exec/" + exec + "/start", "Connection: Upgrade", "Upgrade: tcp",
                    "Content-Type: application/json", "Content-Length: " + body.length);
            stalled.send(body);
            Thread.sleep(1000); // never read: the daemon's writes stall
            for (int i = 0; i < 3; i++) {
                assertEquals("200", api("GET", "/_ping", null)[0]);
                Exec.Result other = cairn.run("exec", id, "echo", "still served");
                assertEquals("still served\n", other.out(), other.toString());
            }
        }
        assertEquals("200", api("GET", "/_ping", null)[0]);
    }

    // ---- the stock docker CLI

    @Test
    void theDockerCliExecsRunsInteractivelyAndGetsExitCodes() throws Exception {
        Path docker = Tools.require("docker", "apt-get install -y docker.io");
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket());
        String id = runningContainer();
        Exec.Result exec = Exec.run(List.of(docker.toString(), "exec", id, "sh", "-c", "echo via docker; exit 5"), env);
        assertEquals(5, exec.exit(), exec.toString());
        assertEquals("via docker\n", exec.out());
        Path input = cairn.root().resolveSibling(cairn.root().getFileName() + "-docker-hi");
        Files.writeString(input, "hi\n");
        try {
            Exec.Result piped = Exec.run(List.of(docker.toString(), "exec", "-i", id, "cat"), env, input);
            assertEquals("hi\n", piped.out(), piped.toString());
            Exec.Result run = Exec.run(List.of(docker.toString(), "run", "-i", "--rm", "--network", "none", "bb", "cat"),
                    env, input);
            assertEquals(0, run.exit(), run.toString());
            assertEquals("hi\n", run.out());
        } finally {
            Files.deleteIfExists(input);
        }
        Path script = Tools.require("script", "apt-get install -y bsdutils");
        Exec.Result tty = Exec.run(List.of(script.toString(), "-qec", "stty rows 24 cols 80; " + docker + " exec -it " + id
                + " sh -c 'tty; sleep 1; stty size; exit 3'", "/dev/null"), env);
        assertEquals(3, tty.exit(), tty.toString());
        assertTrue(tty.out().contains("/dev/pts/") && tty.out().contains("24 80"), tty.out());
        Exec.Result runTty = Exec.run(List.of(script.toString(), "-qec", "stty rows 25 cols 81; " + docker
                + " run -it --rm --network none bb sh -c 'tty; sleep 1; stty size; exit 2'", "/dev/null"), env);
        assertEquals(2, runTty.exit(), runTty.toString());
        assertTrue(runTty.out().contains("25 81"), runTty.out());
        Exec.Result code = Exec.run(List.of(docker.toString(), "run", "--rm", "--network", "none", "bb", "sh", "-c",
                "echo o; echo e >&2; exit 7"), env);
        assertEquals(7, code.exit(), code.toString());
        assertEquals("o\n", code.out());
        assertEquals("e\n", code.err());
        assertEquals(List.of(id), cairn.run("ps", "-a", "-q", "--no-trunc").lines(), "--rm runs left nothing");
    }

    /** Docker's multiplexed stream: text per stream number. */
    private static Map<Integer, String> demux(byte[] raw) {
        Map<Integer, ByteArrayOutputStream> out = new java.util.HashMap<>();
        int i = 0;
        while (i + 8 <= raw.length) {
            int len = ((raw[i + 4] & 0xFF) << 24) | ((raw[i + 5] & 0xFF) << 16) | ((raw[i + 6] & 0xFF) << 8) | (raw[i + 7] & 0xFF);
            out.computeIfAbsent((int) raw[i], k -> new ByteArrayOutputStream()).write(raw, i + 8, len);
            i += 8 + len;
        }
        assertFalse(i < raw.length, "a truncated frame at " + i);
        Map<Integer, String> text = new java.util.HashMap<>();
        out.forEach((k, v) -> text.put(k, v.toString(StandardCharsets.UTF_8)));
        return text;
    }
}
