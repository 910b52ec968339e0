package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers through the CLI with real conmon and runc: output and exit codes, Docker's isolation
 * defaults, commit, crash recovery, and no mount or process left behind.
 */
class ContainerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cairn cairn;

    @BeforeAll
    static void importBusybox() throws Exception {
        cairn = new Cairn();
        cairn.startDaemon(); // waits up to 30 s, where an auto-start gives up after 10 (a loaded CI host)
        Path tar = cairn.root().resolveSibling(cairn.root().getFileName() + "-busybox.tar");
        Exec.Result made = Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                tar.toString()), Map.of());
        assertEquals(0, made.exit(), made.toString());
        Exec.Result imported = cairn.run("import", tar.toString(), "bb", "-c", "CMD [\"/bin/sh\"]");
        assertEquals(0, imported.exit(), imported.toString());
        Files.delete(tar);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            cairn.run("rm", "-f", "-v", "c1", "c2", "sleeper", "crashy");
            assertNoLeaks();
        } finally {
            cairn.close();
        }
    }

    @AfterEach
    void noContainerRunsAfterATest() throws Exception {
        Exec.Result ps = cairn.run("ps", "-q");
        for (String id : ps.lines()) {
            cairn.run("rm", "-f", id);
        }
    }

    /** No mount under the root and no process whose command line names it. */
    static void assertNoLeaks() throws Exception {
        String root = cairn.root().toString();
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(root)).toList();
        assertEquals(List.of(), mounts, "mounts left under " + root);
        long self = ProcessHandle.current().pid();
        long daemon = cairn.daemonPid();
        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.pid() != daemon)
                .filter(p -> p.info().commandLine().map(c -> c.contains(root)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(c -> !c.contains(" daemon --root ") && !c.contains("cairn.cli.Main"))
                .toList();
        assertEquals(List.of(), leftovers, "processes left that name " + root);
    }

    @Test
    void runStreamsStdoutAndStderrAndExitsWithTheContainersCode() throws Exception {
        Exec.Result run = cairn.run("run", "--rm", "bb", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, run.exit(), run.toString());
        assertEquals("out\n", run.out());
        assertEquals("err\n", run.err());
        assertEquals("", cairn.run("ps", "-a", "-q").out(), "--rm removed the container");
        assertEquals(127, cairn.run("run", "--rm", "bb", "no-such-command").exit());
        assertNoLeaks();
    }

    @Test
    void lifecycleThroughCreateStartStopRm() throws Exception {
        Exec.Result created = cairn.run("create", "--name", "c1", "-e", "GREETING=hi", "-w", "/tmp", "bb",
                "sh", "-c", "trap 'echo stopping; exit 43' TERM; echo $GREETING from $(pwd) as $(id -u); sleep 30 & wait");
        assertEquals(0, created.exit(), created.toString());
        String id = created.out().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(cairn.run("ps", "-a").out().contains("Created"));
        assertEquals(0, cairn.run("start", "c1").exit());
        assertEquals(id.substring(0, 12) + "\n", cairn.run("ps", "-q").out());
        waitForLog("c1", "hi from /tmp as 0");
        JsonNode inspect = JSON.readTree(cairn.run("inspect", "c1").out()).get(0);
        assertEquals("running", inspect.path("State").path("Status").asText());
        assertEquals(id.substring(0, 12), inspect.path("Config").path("Hostname").asText());
        Exec.Result stop = cairn.run("stop", "-t", "1", "c1");
        assertEquals(0, stop.exit(), stop.toString());
        inspect = JSON.readTree(cairn.run("container", "inspect", "c1").out()).get(0);
        assertEquals("exited", inspect.path("State").path("Status").asText());
        assertEquals(43, inspect.path("State").path("ExitCode").asInt(), "stop delivered SIGTERM to the trap");
        assertTrue(cairn.run("logs", "c1").out().contains("stopping"));
        assertEquals(0, cairn.run("rm", "c1").exit());
        assertEquals(1, cairn.run("rm", "c1").exit());
        assertNoLeaks();
    }

    @Test
    void killAndWait() throws Exception {
        String id = cairn.run("run", "-d", "--name", "sleeper", "bb", "sleep", "100").out().trim();
        assertEquals(1, cairn.run("rm", "sleeper").exit(), "a running container needs -f");
        assertEquals(0, cairn.run("kill", id).exit());
        Exec.Result wait = cairn.run("wait", id);
        assertEquals(0, wait.exit());
        assertEquals("137\n", wait.out());
        assertTrue(cairn.run("ps", "-a").out().contains("Exited (137)"));
        assertEquals(0, cairn.run("container", "prune", "-f").exit());
        assertEquals("", cairn.run("ps", "-a", "-q").out());
    }

    @Test
    void isolationIsDockersByDefault() throws Exception {
        Exec.Result run = cairn.run("run", "--rm", "bb", "sh", "-c",
                "grep CapEff /proc/self/status; hostname; ls /dev | tr '\\n' ' '; echo;"
                        + " cat /proc/kcore >/dev/null 2>&1 && echo kcore-readable || echo kcore-masked;"
                        + " unshare -U true 2>/dev/null && echo userns-allowed || echo userns-denied;"
                        + " ip link show lo | grep -q UP && echo lo-up; ls /proc/self/fd | wc -l");
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.lines();
        assertEquals("CapEff:\t00000000a80425fb", lines.get(0));
        assertTrue(lines.get(1).matches("[0-9a-f]{12}"), "hostname is the short ID: " + lines.get(1));
        for (String dev : List.of("null", "zero", "full", "random", "urandom", "tty", "pts", "shm")) {
            assertTrue((" " + lines.get(2)).contains(" " + dev + " "), dev + " in /dev: " + lines.get(2));
        }
        assertFalse(lines.get(2).contains("sda") || lines.get(2).contains("vda"), "no host disk in /dev");
        assertEquals("kcore-masked", lines.get(3));
        assertEquals("userns-denied", lines.get(4));
        assertEquals("lo-up", lines.get(5));
        assertEquals("4", lines.get(6).trim(), "only stdin, stdout, stderr and ls's own: no daemon descriptor");
    }

    @Test
    void runOptionsReachTheContainer() throws Exception {
        Path bind = Files.createTempDirectory("cairn-bind");
        Path envFile = bind.resolve("env");
        try {
            Files.writeString(bind.resolve("f"), "hostfile\n");
            // readable by the container's user (65534)
            Files.setPosixFilePermissions(bind, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(envFile, "A=1\n# comment\nB=two\n");
            Exec.Result run = cairn.run("run", "--rm", "--read-only", "--tmpfs", "/scratch", "-v", bind + ":/mnt/b:ro",
                    "-v", "optvol:/data", "--mount", "type=tmpfs,target=/t2", "-u", "65534", "-h", "myhost",
                    "--env-file", envFile.toString(), "-e", "C=3", "-w", "/data", "--cap-drop", "ALL",
                    "--security-opt", "no-new-privileges", "bb", "sh", "-c",
                    "id -u; hostname; echo $A $B $C; pwd; cat /mnt/b/f; touch /x 2>/dev/null || echo ro-root;"
                            + " touch /scratch/ok && echo tmpfs-ok; touch /mnt/b/y 2>/dev/null || echo ro-bind;"
                            + " grep CapEff /proc/self/status; grep NoNewPrivs /proc/self/status");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(List.of("65534", "myhost", "1 two 3", "/data", "hostfile", "ro-root", "tmpfs-ok", "ro-bind",
                    "CapEff:\t0000000000000000", "NoNewPrivs:\t1"), run.lines());
            assertTrue(cairn.run("volume", "ls", "-q").lines().contains("optvol"), "-v NAME:/path made the volume");
            assertEquals("hello\n", cairn.run("run", "--rm", "--entrypoint", "/bin/echo", "bb", "hello").out());
            assertEquals(0, cairn.run("run", "--rm", "--security-opt", "seccomp=unconfined", "bb", "unshare", "-U", "true")
                    .exit(), "without the profile, unshare -U works: the default denial is the profile's");
            assertEquals(125, cairn.run("run", "--rm", "--mount", "type=nfs,target=/x", "bb", "true").exit());
            assertEquals(1, cairn.run("run", "--rm", "--security-opt", "apparmor=x", "bb", "true").exit());
            Exec.Result noUser = cairn.run("run", "--rm", "-u", "nosuchuser", "bb", "true");
            assertEquals(126, noUser.exit(), "the command cannot be invoked as an unknown user");
            assertTrue(noUser.err().contains("nosuchuser"), noUser.err());
            assertEquals(0, cairn.run("volume", "rm", "optvol").exit());
        } finally {
            Scratch.delete(bind);
        }
        assertNoLeaks();
    }

    @Test
    void commitMakesANewImageAndLeavesTheParentAlone() throws Exception {
        Exec.Result changed = cairn.run("run", "--name", "c2", "bb", "sh", "-c",
                "echo new > /added; echo more >> /etc/passwd; rm /etc/group");
        assertEquals(0, changed.exit(), changed.toString());
        Exec.Result diff = cairn.run("diff", "c2");
        assertTrue(diff.lines().containsAll(List.of("A /added", "C /etc/passwd", "D /etc/group")), diff.out());
        Exec.Result commit = cairn.run("commit", "-m", "changes", "-c", "CMD [\"cat\", \"/added\"]", "c2", "bb2");
        assertEquals(0, commit.exit(), commit.toString());
        assertTrue(commit.out().trim().matches("sha256:[0-9a-f]{64}"), commit.out());
        assertEquals("new\n", cairn.run("run", "--rm", "bb2").out());
        assertEquals("gone\n", cairn.run("run", "--rm", "bb2", "sh", "-c", "test -e /etc/group || echo gone").out());
        assertEquals(0, cairn.run("run", "--rm", "bb", "test", "-e", "/etc/group").exit(), "the parent still has it");
        assertEquals(0, cairn.run("image", "verify", "bb").exit(), "the parent's layers are unchanged");
        assertEquals(2, JSON.readTree(cairn.run("image", "inspect", "bb2").out()).get(0)
                .path("RootFS").path("Layers").size());
        assertEquals(0, cairn.run("rm", "c2").exit());
        assertEquals(0, cairn.run("system", "check").exit());
    }

    /**
     * SIGKILL of the daemon while a commit packs and unpacks the container's layer (the helper
     * thread writing the blob, the request thread unpacking the same bytes): after a restart
     * nothing half-written is left (no staging, no extra blob or layer, `system check` clean), no
     * image appeared, and the same commit then succeeds whole.
     */
    @Test
    void aCommitKilledWithTheDaemonLeavesNothingHalfWritten() throws Exception {
        Exec.Result wrote = cairn.run("run", "--name", "c3", "bb", "sh", "-c",
                "mkdir /w && i=0 && while [ $i -lt 3000 ]; do head -c 10240 /dev/urandom > /w/f$i; i=$((i+1)); done");
        assertEquals(0, wrote.exit(), wrote.toString());
        List<String> blobs = listing(cairn.root().resolve("blobs/sha256"));
        List<String> layers = listing(cairn.root().resolve("layers"));
        Path tmp = cairn.root().resolve("tmp");
        Process commit = cairn.start("commit", "c3", "bb3");
        long deadline = System.currentTimeMillis() + 60_000;
        while (listing(tmp).stream().noneMatch(n -> n.startsWith("blob-") || n.startsWith("layer-"))) {
            assertTrue(commit.isAlive(), () -> "the commit ended before it was seen packing: " + commit.exitValue());
            assertTrue(System.currentTimeMillis() < deadline, "the commit never started packing");
            Thread.sleep(1);
        }
        Thread.sleep(100); // well inside the pack and unpack of 30 MB
        cairn.stopDaemon(true);
        commit.waitFor(30, TimeUnit.SECONDS);
        assertTrue(commit.exitValue() != 0, "the commit was cut off");
        cairn.startDaemon();
        try {
            assertEquals(List.of(), listing(tmp), "the start swept the staging");
            assertEquals(blobs, listing(cairn.root().resolve("blobs/sha256")), "no blob of the cut commit stays");
            assertEquals(layers, listing(cairn.root().resolve("layers")), "no layer of the cut commit stays");
            assertEquals(0, cairn.run("system", "check").exit());
            assertTrue(cairn.run("image", "inspect", "bb3").exit() != 0, "no image of the cut commit");
            Exec.Result again = cairn.run("commit", "c3", "bb3");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(0, cairn.run("image", "verify", "bb3").exit());
            assertEquals("3000", cairn.run("run", "--rm", "bb3", "sh", "-c", "ls /w | wc -l").out().trim());
            assertEquals(0, cairn.run("system", "check").exit());
        } finally {
            cairn.run("rm", "-f", "c3");
            cairn.run("rmi", "bb3");
        }
    }

    /** The names in {@code dir}, sorted; empty when it does not exist. */
    private static List<String> listing(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aContainerThatExitsWhileTheDaemonIsDeadGetsItsRealExitCode() throws Exception {
        String id = cairn.run("run", "-d", "--name", "crashy", "bb", "sh", "-c", "sleep 2; exit 7").out().trim();
        long daemon = cairn.daemonPid();
        ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(daemon).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        Thread.sleep(3000);
        Exec.Result wait = cairn.run("wait", id); // starts a new daemon, which reconciles
        assertEquals("7\n", wait.out(), wait.toString());
        assertEquals(0, cairn.run("rm", "crashy").exit());
        assertNoLeaks();
    }

    /**
     * Issue 10, A10: 64 MiB without a newline once made the daemon (heap 256 MiB) and the client fail
     * with OutOfMemoryError; the line now travels in Docker's 16 KiB partial messages, byte for byte.
     */
    @Test
    void aHugeLineWithoutNewlineComesBackByteForByte() throws Exception {
        long size = 64L * 1024 * 1024;
        Path out = Files.createTempFile("it-biglog", ".out");
        try {
            Exec.Result run = cairn.runToFile(out, "run", "--name", "big", "bb", "sh", "-c",
                    "head -c " + size + " /dev/zero | tr '\\0' x");
            assertEquals(0, run.exit(), run.toString());
            assertAllX(out, size, "run (attached: a follower)");
            assertEquals(0, cairn.runToFile(out, "logs", "big").exit());
            assertAllX(out, size, "logs");
            assertEquals(0, cairn.runToFile(out, "logs", "-f", "big").exit());
            assertAllX(out, size, "logs -f");
            assertEquals(0, cairn.runToFile(out, "logs", "--tail", "1", "big").exit());
            assertAllX(out, 16 * 1024, "logs --tail 1 (the last partial message)");
            assertTrue(cairn.run("info").ok().out().contains("Containers"), "the daemon is well");
        } finally {
            Files.deleteIfExists(out);
            cairn.run("rm", "-f", "big");
        }
    }

    /** Issue 10, A8: logs -f and wait on a running container free their slots when their client goes. */
    @Test
    void logsFollowAndWaitEndWhenTheirClientCloses() throws Exception {
        String id = cairn.run("run", "-d", "bb", "sleep", "100").ok().out().trim();
        Path socket = cairn.root().resolve("cairn.sock");
        try (RawHttp logs = RawHttp.connect(socket); RawHttp wait = RawHttp.connect(socket)) {
            assertEquals(200, logs.request("GET /containers/" + id + "/logs?stdout=1&stderr=1&follow=1").head().status());
            wait.request("POST /containers/" + id + "/wait", "Content-Length: 0");
            waitForFollowers(socket, 2);
        }
        waitForFollowers(socket, 0);
        assertEquals("running", JSON.readTree(cairn.run("inspect", id).out()).get(0).path("State").path("Status").asText(),
                "the followers ended because their clients went, not because the container did");
        cairn.run("rm", "-f", id).ok();
    }

    private static void waitForFollowers(Path socket, int n) throws Exception {
        long deadline = System.currentTimeMillis() + RawHttp.DEADLINE_SECONDS * 1000;
        while (JSON.readTree(RawHttp.exchange(socket, "GET /info")[1]).path("Followers").asInt() != n) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("followers never came to " + n);
            }
            Thread.sleep(50);
        }
    }

    private static void assertAllX(Path file, long size, String what) throws Exception {
        assertEquals(size, Files.size(file), what + ": every byte and nothing more (no newline added)");
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            for (long i = 0; i < size; i++) {
                int b = in.read();
                if (b != 'x') {
                    throw new AssertionError(what + ": byte " + i + " is " + b + ", not 'x'");
                }
            }
        }
    }

    private static void waitForLog(String container, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (cairn.run("logs", container).out().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("log of " + container + " never showed: " + text + "\n" + cairn.run("logs", container));
    }
}
