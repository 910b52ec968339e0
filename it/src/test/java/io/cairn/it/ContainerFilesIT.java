package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.Tools;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 items 3 and 4 with real runc: cp both ways (running and stopped, Docker's directory
 * rules, symlink attacks, a hostile PUT), the path stat header, export, top, stats, pause, rename
 * across a daemon restart, restart, update, resource limits in the cgroup files and inspect, an
 * OOM kill; and the same through the stock docker CLI where it is installed.
 */
class ContainerFilesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cairn cairn;
    private static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        Tools.require("runc", "apt-get install -y runc");
        Tools.require("conmon", "apt-get install -y conmon");
        Tools.require("tar", "apt-get install -y tar");
        cairn = new Cairn();
        cairn.startDaemon();
        BusyboxImage.importAs(cairn, "bb");
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-files-");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            for (String id : cairn.run("ps", "-a", "-q").lines()) {
                cairn.run("rm", "-f", id);
            }
            ContainerITSupport.assertNoMountsUnder(cairn.root());
        } finally {
            cairn.close();
            Exec.run(List.of("rm", "-rf", work.toString()));
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : cairn.run("ps", "-a", "-q").lines()) {
            cairn.run("rm", "-f", id);
        }
    }

    private static Exec.Result ok(String... args) throws Exception {
        Exec.Result r = cairn.run(args);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static JsonNode inspect(String c) throws Exception {
        return JSON.readTree(ok("inspect", c).out()).get(0);
    }

    private static String id(String c) throws Exception {
        return inspect(c).path("Id").asText();
    }

    private static Path socket() {
        return cairn.root().resolve("cairn.sock");
    }

    // ---- cp

    @Test
    void cpIntoAndOutOfRunningAndStoppedContainersWithDockersRules() throws Exception {
        Path src = Files.createDirectories(work.resolve("rules/src/sub"));
        Files.writeString(src.resolve("f"), "hello");
        Path file = Files.writeString(work.resolve("rules/file"), "top");
        ok("run", "-d", "--name", "cp1", "bb", "sleep", "1000");

        ok("cp", src.getParent().toString(), "cp1:/tmp");                      // dir into an existing dir
        ok("cp", src.getParent() + "/.", "cp1:/tmp/contents");                 // contents into a new dir
        ok("cp", file.toString(), "cp1:/tmp/renamed");                         // file to a new name
        Exec.Result toMissingParent = cairn.run("cp", file.toString(), "cp1:/nowhere/x");
        assertNotEquals(0, toMissingParent.exit(), "the destination's parent must exist");
        Exec.Result dirOnFile = cairn.run("cp", src.getParent().toString(), "cp1:/tmp/renamed");
        assertNotEquals(0, dirOnFile.exit(), "a directory cannot replace a file");
        assertEquals("hello", runIn("cp1", "/tmp/src/sub/f"));
        assertEquals("hello", runIn("cp1", "/tmp/contents/sub/f"));
        assertEquals("top", runIn("cp1", "/tmp/renamed"));

        Path out = work.resolve("rules/out");
        ok("cp", "cp1:/tmp/src", out.toString());                               // new dir named as the destination
        assertEquals("hello", Files.readString(out.resolve("sub/f")));
        ok("cp", "cp1:/tmp/src", out.toString());                               // existing dir: goes inside
        assertEquals("hello", Files.readString(out.resolve("src/sub/f")));

        ok("stop", "-t", "1", "cp1");
        ok("cp", file.toString(), "cp1:/stopped.txt");
        Path back = work.resolve("rules/back.txt");
        ok("cp", "cp1:/stopped.txt", back.toString());
        assertEquals("top", Files.readString(back));
        ContainerITSupport.assertNoMountsUnder(cairn.root().resolve("containers").resolve(id("cp1")));
        ok("start", "cp1");
        assertEquals("top", runIn("cp1", "/stopped.txt"), "what was copied into the stopped container is there once it runs");
    }

    /** A file's content as the container sees it, through cp to stdout ('-' is a tar stream). */
    private static String runIn(String container, String path) throws Exception {
        Path dest = Files.createTempDirectory(work, "read-");
        ok("cp", container + ":" + path, dest.resolve("f").toString());
        return Files.readString(dest.resolve("f"));
    }

    @Test
    void symlinksInsideTheContainerNeverLeadOutOfItsRoot() throws Exception {
        String marker = "cairn-escape-" + UUID.randomUUID();
        ok("run", "-d", "--name", "evil", "bb", "sh", "-c",
                "ln -s / /escape; mkdir -p /a/b; ln -s ../../../../../.. /a/b/up; ln -s /etc/passwd /pw; sleep 1000");
        Thread.sleep(300);
        Path file = Files.writeString(work.resolve(marker), "x");
        ok("cp", file.toString(), "evil:/escape/");
        ok("cp", file.toString(), "evil:/a/b/up/tmp/");
        assertFalse(Files.exists(Path.of("/" + marker)), "a link to / means the container's root");
        assertFalse(Files.exists(Path.of("/tmp/" + marker)), "a link climbing with .. stops at the container's root");
        assertEquals("x", runIn("evil", "/" + marker));
        assertEquals("x", runIn("evil", "/tmp/" + marker));
        String passwd = runIn("evil", "/escape/etc/passwd");
        assertTrue(passwd.contains("nobody"), passwd);
        assertNotEquals(Files.readString(Path.of("/etc/passwd")), passwd, "the container's passwd, not the host's");
        Path followed = work.resolve("followed");
        ok("cp", "-L", "evil:/pw", followed.toString());
        assertEquals(passwd, Files.readString(followed), "-L copies what the link names, inside the container");
    }

    @Test
    void aDirectorySwappedForALinkToRootDuringCopiesStaysInside() throws Exception {
        String marker = "cairn-race-" + UUID.randomUUID();
        // the container swaps /tmp/d between a directory and a link to / as fast as it can
        ok("run", "-d", "--name", "racer", "bb", "sh", "-c",
                "while true; do mkdir -p /tmp/d; rm -rf /tmp/d; ln -s / /tmp/d; rm /tmp/d; done");
        Path dir = Files.createDirectories(work.resolve("race/" + marker));
        Files.writeString(dir.resolve(marker), "x");
        for (int i = 0; i < 30; i++) {
            cairn.run("cp", dir.toString(), "racer:/tmp/d/"); // succeeds or fails, never escapes
            cairn.run("cp", "racer:/tmp/d/etc/passwd", work.resolve("race/p" + i).toString());
        }
        assertFalse(Files.exists(Path.of("/" + marker)), "nothing landed in the host's /");
        for (int i = 0; i < 30; i++) {
            Path p = work.resolve("race/p" + i);
            if (Files.exists(p)) {
                assertNotEquals(Files.readString(Path.of("/etc/passwd")), Files.readString(p), "never the host's passwd");
            }
        }
    }

    @Test
    void aHostileTarPutIntoAContainerIsRefusedAndReachesNothingOutside() throws Exception {
        String marker = "cairn-put-" + UUID.randomUUID();
        ok("run", "-d", "--name", "target", "bb", "sleep", "1000");
        String path = "/containers/target/archive?path=/tmp&noOverwriteDirNonDir=true";
        byte[] dotDot = UnixExchange.tar(new String[] {"../../../../../../tmp/" + marker, "0", "", "x"});
        UnixExchange.Answer a = UnixExchange.send(socket(), "PUT", path, dotDot);
        assertEquals(400, a.status(), a.text());
        byte[] throughLink = UnixExchange.tar(new String[] {"l", "2", "/tmp"},
                new String[] {"l/" + marker, "0", "", "x"});
        UnixExchange.Answer b = UnixExchange.send(socket(), "PUT", path, throughLink);
        assertEquals(400, b.status(), b.text());
        byte[] absolute = UnixExchange.tar(new String[] {"/tmp/" + marker, "0", "", "x"});
        UnixExchange.send(socket(), "PUT", path, absolute); // refused, or contained under the container's /tmp
        byte[] device = UnixExchange.tar(new String[] {"mem", "3", ""});
        UnixExchange.Answer d = UnixExchange.send(socket(), "PUT", path, device);
        assertEquals(400, d.status(), "no device node is put into a container: " + d.text());
        assertFalse(Files.exists(Path.of("/tmp/" + marker)), "nothing reached the host's /tmp");
        UnixExchange.Answer notDir = UnixExchange.send(socket(), "PUT", "/containers/target/archive?path=/bin/busybox",
                UnixExchange.tar(new String[] {"f", "0", "", "x"}));
        assertEquals(400, notDir.status(), notDir.text());
    }

    @Test
    void headAnswersDockersPathStatHeader() throws Exception {
        ok("run", "-d", "--name", "st", "bb", "sh", "-c", "ln -s /etc/passwd /pw; sleep 1000");
        Thread.sleep(300);
        JsonNode dir = stat("/etc");
        assertEquals("etc", dir.path("name").asText());
        assertTrue((dir.path("mode").asLong() & (1L << 31)) != 0, "the directory bit: " + dir);
        JsonNode link = stat("/pw");
        assertEquals("/etc/passwd", link.path("linkTarget").asText(), link.toString());
        assertTrue((link.path("mode").asLong() & (1L << 27)) != 0, "the symlink bit: " + link);
        UnixExchange.Answer missing = UnixExchange.send(socket(), "HEAD", "/containers/st/archive?path=/nope", null);
        assertEquals(404, missing.status());
        UnixExchange.Answer get = UnixExchange.send(socket(), "GET", "/containers/st/archive?path=/etc/passwd", null);
        assertEquals(200, get.status());
        assertTrue(get.headers().containsKey("x-docker-container-path-stat"));
        assertEquals("passwd", new String(get.body(), 0, 6, StandardCharsets.US_ASCII), "the entry is named by the path's last component");
    }

    private static JsonNode stat(String path) throws Exception {
        UnixExchange.Answer a = UnixExchange.send(socket(), "HEAD", "/containers/st/archive?path=" + path, null);
        assertEquals(200, a.status());
        return JSON.readTree(Base64.getDecoder().decode(a.headers().get("x-docker-container-path-stat")));
    }

    @Test
    void exportRoundTrips() throws Exception {
        ok("run", "--name", "ex", "bb", "sh", "-c", "echo exported > /marker");
        Path tar = work.resolve("ex.tar");
        ok("export", "-o", tar.toString(), "ex");
        String listing = Exec.run(List.of("tar", "-tf", tar.toString())).out();
        assertTrue(listing.contains("bin/busybox") && listing.contains("marker"), listing);
        ok("import", tar.toString(), "exported", "-c", "CMD [\"/bin/sh\"]");
        assertEquals("exported\n", ok("run", "--rm", "exported", "cat", "/marker").out());
        ok("rmi", "exported");
    }

    // ---- processes

    @Test
    void topListsTheContainersProcessesOnly() throws Exception {
        ok("run", "-d", "--name", "tp", "bb", "sleep", "4242");
        Exec.Result top = ok("top", "tp");
        assertTrue(top.out().contains("sleep 4242"), top.out());
        assertEquals(2, top.lines().size(), "a title line and the one process: " + top.out());
        Exec.Result custom = ok("top", "tp", "-o", "pid,comm");
        assertTrue(custom.lines().get(0).contains("PID") && custom.out().contains("sleep"), custom.out());
    }

    @Test
    void statsOneShotIsPlausibleAndTheStreamEndsWhenTheContainerStops() throws Exception {
        ok("run", "-d", "--name", "sx", "-m", "64m", "bb", "sleep", "1000");
        Exec.Result table = ok("stats", "--no-stream", "sx");
        assertTrue(table.lines().get(0).startsWith("CONTAINER ID"), table.out());
        assertTrue(table.lines().get(1).contains("/ 64MiB"), table.out());
        UnixExchange.Answer one = UnixExchange.send(socket(), "GET", "/containers/sx/stats?stream=false&one-shot=true", null);
        JsonNode s = JSON.readTree(one.body());
        assertEquals(64L << 20, s.path("memory_stats").path("limit").asLong(), s.toString());
        assertTrue(s.path("memory_stats").path("usage").asLong() > 0, s.toString());
        assertTrue(s.path("pids_stats").path("current").asLong() >= 1, s.toString());
        assertTrue(s.path("cpu_stats").path("system_cpu_usage").asLong() > 0, s.toString());

        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket()));
            ch.write(ByteBuffer.wrap("GET /containers/sx/stats HTTP/1.1\r\nHost: c\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(ch);
            CompletableFuture<UnixExchange.Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return UnixExchange.read(in, false);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(2500);
            ok("stop", "-t", "1", "sx");
            UnixExchange.Answer streamed = answer.get(20, TimeUnit.SECONDS); // the stream ended
            long lines = streamed.text().lines().filter(l -> l.startsWith("{")).count();
            assertTrue(lines >= 2, "a reading a second: " + streamed.text());
        }
        JsonNode stopped = JSON.readTree(UnixExchange.send(socket(), "GET", "/containers/sx/stats?stream=false", null).body());
        assertEquals(0, stopped.path("cpu_stats").path("cpu_usage").path("total_usage").asLong(), "a stopped container reads as zeros");
    }

    @Test
    void pauseFreezesTheProcessAndUnpauseThawsIt() throws Exception {
        ok("run", "-d", "--name", "pz", "bb", "sh", "-c", "while true; do date +%s%N > /tmp/n; usleep 50000; done");
        Thread.sleep(300);
        ok("pause", "pz");
        assertEquals("paused", inspect("pz").path("State").path("Status").asText());
        assertTrue(inspect("pz").path("State").path("Paused").asBoolean());
        String before = runIn("pz", "/tmp/n");
        Thread.sleep(500);
        assertEquals(before, runIn("pz", "/tmp/n"), "a frozen process writes nothing");
        assertEquals("FROZEN", Files.readString(Path.of("/sys/fs/cgroup/freezer/cairn/" + id("pz") + "/freezer.state")).strip());
        assertNotEquals(0, cairn.run("pause", "pz").exit(), "pausing a paused container is refused");
        ok("unpause", "pz");
        Thread.sleep(500);
        assertNotEquals(before, runIn("pz", "/tmp/n"), "thawed, it runs on");
        assertEquals("running", inspect("pz").path("State").path("Status").asText());
        String events = ok("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "container=" + id("pz")).out();
        assertTrue(events.contains("container pause") && events.contains("container unpause"), events);
    }

    @Test
    void renameHoldsAcrossADaemonRestart() throws Exception {
        ok("create", "--name", "old-name", "bb", "true");
        String id = id("old-name");
        ok("rename", "old-name", "new-name");
        assertEquals("/new-name", inspect("new-name").path("Name").asText());
        assertNotEquals(0, cairn.run("inspect", "old-name").exit(), "the old name is free");
        ok("create", "--name", "old-name", "bb", "true"); // and reusable
        assertNotEquals(0, cairn.run("rename", "old-name", "new-name").exit(), "a taken name is refused");
        cairn.stopDaemon();
        cairn.startDaemon();
        assertEquals(id, id("new-name"), "replay rebuilds the renamed index");
    }

    @Test
    void restartStopsAndStartsAgain() throws Exception {
        ok("run", "-d", "--name", "rs", "bb", "sleep", "1000");
        String started = inspect("rs").path("State").path("StartedAt").asText();
        long pid = inspect("rs").path("State").path("Pid").asLong();
        ok("restart", "-t", "1", "rs");
        JsonNode after = inspect("rs").path("State");
        assertTrue(after.path("Running").asBoolean());
        assertNotEquals(started, after.path("StartedAt").asText());
        assertNotEquals(pid, after.path("Pid").asLong());
    }

    // ---- resources

    @Test
    void limitsReachTheCgroupInspectAndTheProcess() throws Exception {
        ok("run", "-d", "--name", "lim", "-m", "64m", "--memory-reservation", "32m", "--cpus", "0.5",
                "--cpu-shares", "512", "--cpuset-cpus", "0", "--pids-limit", "50", "--ulimit", "nofile=100:200",
                "--shm-size", "10m", "bb", "sleep", "1000");
        String id = id("lim");
        Path cg = Path.of("/sys/fs/cgroup");
        if (Files.exists(cg.resolve("cgroup.controllers"))) {
            assertEquals("67108864", Files.readString(cg.resolve("cairn/" + id + "/memory.max")).strip());
            assertEquals("50000 100000", Files.readString(cg.resolve("cairn/" + id + "/cpu.max")).strip());
            assertEquals("50", Files.readString(cg.resolve("cairn/" + id + "/pids.max")).strip());
        } else {
            assertEquals("67108864", Files.readString(cg.resolve("memory/cairn/" + id + "/memory.limit_in_bytes")).strip());
            assertEquals("33554432", Files.readString(cg.resolve("memory/cairn/" + id + "/memory.soft_limit_in_bytes")).strip());
            assertEquals("50000", Files.readString(cg.resolve("cpu/cairn/" + id + "/cpu.cfs_quota_us")).strip());
            assertEquals("512", Files.readString(cg.resolve("cpu/cairn/" + id + "/cpu.shares")).strip());
            assertEquals("0", Files.readString(cg.resolve("cpuset/cairn/" + id + "/cpuset.cpus")).strip());
            assertEquals("50", Files.readString(cg.resolve("pids/cairn/" + id + "/pids.max")).strip());
        }
        JsonNode host = inspect("lim").path("HostConfig");
        assertEquals(64L << 20, host.path("Memory").asLong());
        assertEquals(128L << 20, host.path("MemorySwap").asLong(), "Docker's default: as much swap as memory");
        assertEquals(32L << 20, host.path("MemoryReservation").asLong());
        assertEquals(500_000_000L, host.path("NanoCpus").asLong());
        assertEquals(512, host.path("CpuShares").asLong());
        assertEquals("0", host.path("CpusetCpus").asText());
        assertEquals(50, host.path("PidsLimit").asLong());
        assertEquals("nofile", host.path("Ulimits").get(0).path("Name").asText());
        assertEquals(10L << 20, host.path("ShmSize").asLong());
        assertFalse(host.path("OomKillDisable").asBoolean());

        Exec.Result inside = ok("run", "--rm", "--ulimit", "nofile=100:200", "--shm-size", "10m", "bb", "sh", "-c",
                "ulimit -n; ulimit -Hn; df -k /dev/shm | tail -1");
        assertEquals("100", inside.lines().get(0));
        assertEquals("200", inside.lines().get(1));
        assertTrue(inside.lines().get(2).contains("10240"), inside.out());

        ok("update", "--memory", "100m", "--memory-swap", "200m", "lim");
        String limit = Files.exists(cg.resolve("cgroup.controllers"))
                ? Files.readString(cg.resolve("cairn/" + id + "/memory.max"))
                : Files.readString(cg.resolve("memory/cairn/" + id + "/memory.limit_in_bytes"));
        assertEquals("104857600", limit.strip());
        assertEquals(100L << 20, inspect("lim").path("HostConfig").path("Memory").asLong());
        ok("update", "--restart", "always", "lim"); // the policy changes, the limits stay
        assertEquals("always", inspect("lim").path("HostConfig").path("RestartPolicy").path("Name").asText());
        assertEquals(100L << 20, inspect("lim").path("HostConfig").path("Memory").asLong());
        Exec.Result restart = cairn.run("update", "--restart", "sometimes", "lim");
        assertNotEquals(0, restart.exit(), "an unknown policy is refused, never ignored");
        assertTrue(restart.err().contains("restart policy"), restart.err());
    }

    @Test
    void badLimitsAreRefusedNamingTheFlag() throws Exception {
        Exec.Result unit = cairn.run("create", "-m", "12x", "bb");
        assertNotEquals(0, unit.exit());
        assertTrue(unit.err().contains("--memory"), unit.err());
        Exec.Result tiny = cairn.run("create", "-m", "1k", "bb");
        assertNotEquals(0, tiny.exit());
        assertTrue(tiny.err().contains("6MB"), tiny.err());
        Exec.Result swap = cairn.run("create", "-m", "64m", "--memory-swap", "32m", "bb");
        assertTrue(swap.err().contains("--memory-swap"), swap.err());
        Exec.Result cpus = cairn.run("create", "--cpus", "999", "bb");
        assertTrue(cpus.err().contains("--cpus"), cpus.err());
        Exec.Result cpuset = cairn.run("create", "--cpuset-cpus", "4000", "bb");
        assertTrue(cpuset.err().contains("--cpuset-cpus"), cpuset.err());
        Exec.Result ulimit = cairn.run("create", "--ulimit", "bogus=1", "bb");
        assertTrue(ulimit.err().contains("--ulimit"), ulimit.err());
        assertEquals(List.of(), cairn.run("ps", "-a", "-q").lines(), "no container was created");
    }

    @Test
    void anOomKillIsRecorded() throws Exception {
        Exec.Result run = cairn.run("run", "--name", "oom", "-m", "8m", "--memory-swap", "8m", "bb", "sh", "-c",
                "head -c 100m /dev/zero | tail");
        assertEquals(137, run.exit(), run.toString());
        JsonNode state = inspect("oom").path("State");
        assertTrue(state.path("OOMKilled").asBoolean(), state.toString());
        assertEquals(137, state.path("ExitCode").asInt());
        String events = ok("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "container=" + id("oom")).out();
        assertTrue(events.contains("container oom"), events);
        ok("start", "oom");
        ok("wait", "oom");
    }

    // ---- the stock docker CLI

    @Test
    void theStockDockerCliDrivesTheSameCommands() throws Exception {
        Path docker = Tools.require("docker", "apt-get install -y docker.io");
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket(), "DOCKER_CONFIG", work.resolve("docker-config").toString());
        ok("run", "-d", "--name", "dk", "bb", "sleep", "1000");
        Path file = Files.writeString(work.resolve("dk.txt"), "from docker");
        dockerOk(docker, env, "cp", file.toString(), "dk:/tmp/dk.txt");
        Path back = work.resolve("dk-back.txt");
        dockerOk(docker, env, "cp", "dk:/tmp/dk.txt", back.toString());
        assertEquals("from docker", Files.readString(back));
        assertTrue(dockerOk(docker, env, "top", "dk").contains("sleep 1000"));
        assertTrue(dockerOk(docker, env, "stats", "--no-stream", "dk").contains("dk"));
        dockerOk(docker, env, "pause", "dk");
        assertEquals("paused", dockerOk(docker, env, "inspect", "-f", "{{.State.Status}}", "dk").strip());
        dockerOk(docker, env, "unpause", "dk");
        dockerOk(docker, env, "update", "--memory", "100m", "--memory-swap", "200m", "dk");
        dockerOk(docker, env, "rename", "dk", "dk2");
        assertEquals("/dk2 104857600", dockerOk(docker, env, "inspect", "-f", "{{.Name}} {{.HostConfig.Memory}}", "dk2").strip());
        dockerOk(docker, env, "restart", "-t", "1", "dk2");
        dockerOk(docker, env, "rm", "-f", "dk2");
        dockerOk(docker, env, "run", "-d", "--network", "none", "--name", "dkm", "-m", "32m", "--pids-limit", "20", "bb", "sleep", "1000");
        assertEquals("33554432 20", dockerOk(docker, env, "inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}",
                "dkm").strip());
    }

    private static String dockerOk(Path docker, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(docker.toString()));
        cmd.addAll(List.of(args));
        Exec.Result r = Exec.run(cmd, env);
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }
}
