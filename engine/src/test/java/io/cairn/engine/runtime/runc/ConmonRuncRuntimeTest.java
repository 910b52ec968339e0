package io.cairn.engine.runtime.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.runtime.Busybox;
import io.cairn.engine.runtime.OciConfig;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.runtime.log.LogEntry;
import io.cairn.engine.runtime.log.LogFollower;
import io.cairn.engine.runtime.log.LogQuery;
import io.cairn.engine.runtime.log.LogReader;
import io.cairn.engine.runtime.log.LogStream;
import io.cairn.engine.runtime.overlay.MountTable;
import io.cairn.engine.runtime.overlay.OverlayMounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against real conmon and runc (as root, as CI runs it; scripts/install-deps.sh installs
 * both). Each test gets its own root; {@link #cleanUp} removes every container, process (by pid) and
 * mount (by path) the test made, whether it passed or not, and then checks that nothing is left.
 */
class ConmonRuncRuntimeTest {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static Path busybox;
    @TempDir
    static Path shared;

    @TempDir
    Path root;
    private ConmonRuncRuntime runtime;
    private final List<String> ids = new ArrayList<>();
    private final Set<Long> pids = new HashSet<>();

    @BeforeAll
    static void unpackBusybox() throws Exception {
        busybox = Busybox.unpack(shared.resolve("busybox"));
    }

    @BeforeEach
    void newRuntime() throws IOException {
        runtime = new ConmonRuncRuntime(RuncOptions.defaults(root));
    }

    @AfterEach
    void cleanUp() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        for (String id : ids) {
            try {
                runtime.conmonPid(id).ifPresent(pids::add);
                runtime.delete(id);
            } catch (IOException | RuntimeException e) {
                errors.add(e);
            }
        }
        for (long pid : pids) {
            if (ProcessTable.live(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        OverlayMounter mounter = new OverlayMounter();
        for (Path m : MountTable.under(root)) {
            mounter.unmount(m);
        }
        deleteTree(runtime.options().socketDir());
        assertEquals(List.of(), MountTable.under(root), "mounts left behind");
        for (long pid : pids) {
            assertFalse(ProcessTable.live(pid), "process " + pid + " left behind: " + ProcessTable.cmdline(pid));
        }
        assertEquals(List.of(), runtime.list(), "containers left in runc");
        assertTrue(errors.isEmpty(), "clean-up failed: " + errors);
    }

    @AfterAll
    static void noSocketDirLeft() {
        // nothing: each test removes its own socket directory in cleanUp
    }

    @Test
    void containersRunOnAnOverlayAndExitWithTheirCode() throws Exception {
        Path bundle = overlayBundle("c0", List.of("true"));
        runtime.create("c0", bundle, root.resolve("c0.log"));
        ids.add("c0");
        RuntimeState created = runtime.state("c0");
        assertEquals("created", created.status());
        pids.add(created.pid());
        assertEquals(OptionalInt.empty(), runtime.exitCode("c0"));
        runtime.start("c0");
        assertEquals(OptionalInt.of(0), runtime.awaitExit("c0", EXIT_WAIT));
        assertEquals("stopped", runtime.state("c0").status());

        Path bundle3 = overlayBundle("c3", List.of("sh", "-c", "echo written > /new-file; exit 3"));
        runtime.create("c3", bundle3, root.resolve("c3.log"));
        ids.add("c3");
        pids.add(runtime.state("c3").pid());
        runtime.start("c3");
        assertEquals(OptionalInt.of(3), runtime.awaitExit("c3", EXIT_WAIT));
        assertEquals("written\n", Files.readString(root.resolve("c3/upper/new-file")), "writes land in the upper dir");
        assertFalse(Files.exists(busybox.resolve("new-file")));

        assertEquals(Set.of("c0", "c3"), Set.copyOf(runtime.list()));
        runtime.delete("c3");
        runtime.delete("c3"); // idempotent
        assertEquals(RuntimeState.missing(), runtime.state("c3"));
        assertEquals(OptionalInt.empty(), runtime.exitCode("c3"), "delete removes conmon's exit file");
        assertEquals(List.of("c0"), runtime.list());
        runtime.unmount(root.resolve("c3/rootfs"));
        assertFalse(MountTable.isMountPoint(root.resolve("c3/rootfs")));
    }

    @Test
    void aContainerKilledBySigkillExitsWith137() throws Exception {
        Path bundle = overlayBundle("k", List.of("sleep", "1000"));
        runtime.create("k", bundle, root.resolve("k.log"));
        ids.add("k");
        pids.add(runtime.state("k").pid());
        runtime.start("k");
        assertEquals("running", runtime.state("k").status());
        assertEquals(OptionalInt.empty(), runtime.awaitExit("k", Duration.ofMillis(50)));
        runtime.kill("k", 9, false);
        assertEquals(OptionalInt.of(137), runtime.awaitExit("k", EXIT_WAIT));
    }

    /**
     * The container's init is its pid namespace's init: the kernel drops signals it has no handler
     * for, so SIGTERM alone does not stop {@code sleep}; SIGKILL to all processes does (stop must escalate).
     */
    @Test
    void sigtermIsIgnoredByAnInitWithoutHandlerAndSigkillToAllEndsIt() throws Exception {
        Path bundle = overlayBundle("t", List.of("sh", "-c", "sleep 1000 & exec sleep 1001"));
        runtime.create("t", bundle, root.resolve("t.log"));
        ids.add("t");
        pids.add(runtime.state("t").pid());
        runtime.start("t");
        runtime.kill("t", 15, false);
        assertEquals(OptionalInt.empty(), runtime.awaitExit("t", Duration.ofMillis(300)));
        assertEquals("running", runtime.state("t").status());
        runtime.kill("t", 9, true);
        assertEquals(OptionalInt.of(137), runtime.awaitExit("t", EXIT_WAIT));
    }

    @Test
    void aShellThatExitsOnSigtermRecordsItsOwnCode() throws Exception {
        Path bundle = overlayBundle("h", List.of("sh", "-c", "trap 'exit 42' TERM; while :; do sleep 0.05; done"));
        runtime.create("h", bundle, root.resolve("h.log"));
        ids.add("h");
        pids.add(runtime.state("h").pid());
        runtime.start("h");
        Thread.sleep(100); // let the shell install its trap
        runtime.kill("h", 15, false);
        assertEquals(OptionalInt.of(42), runtime.awaitExit("h", EXIT_WAIT));
    }

    @Test
    void stdoutAndStderrLinesAreLoggedInOrderWithTheirStream() throws Exception {
        Path bundle = overlayBundle("l", List.of("sh", "-c",
                "echo out1; echo out2; sleep 0.2; echo err1 >&2; sleep 0.2; printf 'part'; sleep 0.2; echo ial;"
                        + " sleep 0.2; echo err2 >&2; sleep 0.2; echo 'ünïcödé'"));
        Path log = root.resolve("l.log");
        runtime.create("l", bundle, log);
        ids.add("l");
        pids.add(runtime.state("l").pid());
        runtime.start("l");
        assertEquals(OptionalInt.of(0), runtime.awaitExit("l", EXIT_WAIT));
        List<String> lines = LogReader.read(log, LogQuery.all()).stream()
                .map(e -> e.stream().wireName() + ":" + e.text()).toList();
        assertEquals(List.of("stdout:out1", "stdout:out2", "stderr:err1", "stdout:partial", "stderr:err2",
                "stdout:ünïcödé"), lines);
    }

    @Test
    void followingTheLogOfARunningContainerGetsEveryLineAndEndsWhenItExits() throws Exception {
        Path bundle = overlayBundle("f", List.of("sh", "-c",
                "sleep 0.3; i=0; while [ $i -lt 500 ]; do echo line $i; i=$((i+1)); done;"
                        + " head -c 20000 /dev/zero | tr '\\0' y; echo; echo bye >&2"));
        Path log = root.resolve("f.log");
        runtime.create("f", bundle, log);
        ids.add("f");
        pids.add(runtime.state("f").pid());
        List<LogEntry> out = new ArrayList<>();
        List<LogEntry> err = new ArrayList<>();
        runtime.start("f");
        // nothing announces the exit here (the engine does): the follower finds it at its next look
        try (var watch = new io.cairn.engine.runtime.log.LogWatch()) {
            LogFollower.follow(log, LogQuery.all(), LogFollower.Mode.LINES, () -> runtime.exitCode("f").isPresent(), watch,
                    e -> (e.stream() == LogStream.STDOUT ? out : err).add(e));
        }
        assertEquals(502, out.size());
        assertEquals("line 0", out.get(0).text());
        assertEquals("line 499", out.get(499).text());
        // conmon's 8 KiB pieces are joined into Docker's 16 KiB partial messages, then the rest of the line
        assertEquals("y".repeat(16 * 1024), out.get(500).text());
        assertFalse(out.get(500).complete());
        assertEquals("y".repeat(20000 - 16 * 1024), out.get(501).text());
        assertTrue(out.get(501).complete());
        assertEquals(List.of("bye"), err.stream().map(LogEntry::text).toList());
        assertEquals(OptionalInt.of(0), runtime.exitCode("f"));
    }

    @Test
    void conmonIsDetachedFromUsAndNoDescriptorOfOursReachesConmonOrTheContainer() throws Exception {
        Path bundle = overlayBundle("d", List.of("sleep", "1000"));
        runtime.create("d", bundle, root.resolve("d.log"));
        ids.add("d");
        long conmon = runtime.conmonPid("d").orElseThrow();
        pids.add(conmon);
        long init = runtime.state("d").pid();
        pids.add(init);
        runtime.start("d");
        // runc start returns once init has been told to go; its own descriptors close at the exec.
        for (int i = 0; i < 200 && !ProcessTable.cmdline(init).equals(List.of("sleep", "1000")); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of("sleep", "1000"), ProcessTable.cmdline(init));

        ProcessTable.ProcStat self = ProcessTable.stat(ProcessHandle.current().pid()).orElseThrow();
        ProcessTable.ProcStat c = ProcessTable.stat(conmon).orElseThrow();
        assertNotEquals(self.pid(), c.ppid(), "conmon must not be our child (it would die with us)");
        assertNotEquals(self.sessionId(), c.sessionId(), "conmon runs in its own session");
        assertEquals(c.pid(), c.sessionId(), "conmon leads its session");

        assertEquals(Set.of("0", "1", "2"), fdNames(init), "the container's process has only stdio: " + fdTargets(init));
        Set<String> ours = fdTargets(ProcessHandle.current().pid());
        ours.remove("/dev/null");
        Set<String> leaked = new HashSet<>(fdTargets(conmon));
        leaked.retainAll(ours);
        assertEquals(Set.of(), leaked, "descriptors of the JVM open in conmon");
        Set<String> leakedToInit = new HashSet<>(fdTargets(init));
        leakedToInit.retainAll(ours);
        assertEquals(Set.of(), leakedToInit, "descriptors of the JVM open in the container");
    }

    @Test
    void twoHundredLayersWithLongPathsRunAndTheContainerSeesTheBottomLayer() throws Exception {
        List<Path> lowers = new ArrayList<>();
        String longName = "layer-directory-with-a-rather-long-name-" + "z".repeat(30);
        for (int i = 199; i >= 1; i--) {
            Path layer = Files.createDirectories(root.resolve(String.format("layers/%s-%03d/%s/diff", longName, i, longName)));
            Files.writeString(layer.resolve("from-layer-" + i), i + "\n");
            lowers.add(layer);
        }
        Path bottom = Busybox.unpack(root.resolve("layers/bottom/diff"));
        Files.writeString(bottom.resolve("bottom-marker"), "from the bottom layer\n");
        lowers.add(bottom);
        assertTrue(lowers.stream().mapToInt(p -> p.toString().length() + 1).sum() > 8 * 4096);

        Path bundle = Files.createDirectories(root.resolve("deep"));
        runtime.mount(new RootfsMount(lowers, bundle.resolve("upper"), bundle.resolve("work"), bundle.resolve("rootfs")));
        OciConfig.write(bundle, bundle.resolve("rootfs"),
                List.of("sh", "-c", "cat /bottom-marker; cat /from-layer-199; ls / | grep -c from-layer-"));
        Path log = root.resolve("deep.log");
        runtime.create("deep", bundle, log);
        ids.add("deep");
        pids.add(runtime.state("deep").pid());
        runtime.start("deep");
        assertEquals(OptionalInt.of(0), runtime.awaitExit("deep", EXIT_WAIT));
        assertEquals(List.of("from the bottom layer", "199", "199"),
                LogReader.read(log, LogQuery.all()).stream().map(LogEntry::text).toList());
    }

    /**
     * Regression: conmon's first process exits within milliseconds and the JDK then closes the
     * launcher's stdout, which carried conmon's answer; about 3 creates in 100 failed with "conmon
     * exited without a word" before the launcher waited for us. 60 in a row all succeed now.
     */
    @Test
    void manyCreatesInARowAllGetConmonsAnswer() throws Exception {
        Path bundle = overlayBundle("many", List.of("true"));
        for (int i = 0; i < 60; i++) {
            String id = "many" + i;
            runtime.create(id, bundle, root.resolve(id + ".log"));
            ids.add(id);
            runtime.conmonPid(id).ifPresent(pids::add);
            runtime.start(id);
            assertEquals(OptionalInt.of(0), runtime.awaitExit(id, EXIT_WAIT), id);
            runtime.delete(id);
        }
    }

    @Test
    void aFailedCreateReportsRuncsErrorAndLeavesNothingBehind() throws Exception {
        Path bundle = overlayBundle("bad", List.of("/no/such-binary"));
        IOException e = assertThrows(IOException.class, () -> runtime.create("bad", bundle, root.resolve("bad.log")));
        assertTrue(e.getMessage().contains("create container bad"), e.getMessage());
        assertTrue(e.getMessage().contains("/no/such-binary"), e.getMessage());
        assertEquals(RuntimeState.missing(), runtime.state("bad"));
        assertEquals(List.of(), runtime.list());
        assertFalse(Files.exists(root.resolve("runtime/conmon/bad")), "conmon's files removed");
        assertFalse(Files.exists(runtime.options().socketDir().resolve("bad")), "socket link removed");
        assertEquals(OptionalInt.empty(), runtime.exitCode("bad"));
        assertNoConmonFor(root.resolve("runtime/conmon/bad"));

        Path noRootfs = Files.createDirectories(root.resolve("norootfs"));
        OciConfig.write(noRootfs, noRootfs.resolve("missing-rootfs"), List.of("true"));
        IOException e2 = assertThrows(IOException.class, () -> runtime.create("bad", noRootfs, root.resolve("bad.log")));
        assertTrue(e2.getMessage().contains("missing-rootfs"), e2.getMessage());
        assertEquals(List.of(), runtime.list());
    }

    /** A create that hangs (here a createRuntime hook that sleeps) times out and leaves nothing running. */
    @Test
    void aCreateThatHangsTimesOutAndKillsConmonAndEverythingBelowIt() throws Exception {
        RuncOptions d = RuncOptions.defaults(root);
        ConmonRuncRuntime impatient = new ConmonRuncRuntime(new RuncOptions(d.runtime(), d.conmon(), d.stateDir(),
                d.socketDir(), d.logDriver(), Duration.ofMillis(1500)));
        Path bundle = overlayBundle("hang", List.of("true"));
        Path config = bundle.resolve("config.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var c = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        c.putObject("hooks").putArray("createRuntime").addObject().put("path", busybox.resolve("bin/busybox").toString())
                .putArray("args").add("sleep").add("4242");
        json.writeValue(config.toFile(), c);

        IOException e = assertThrows(IOException.class, () -> impatient.create("hang", bundle, root.resolve("hang.log")));
        assertTrue(e.getMessage().contains("no answer from conmon in 1500 ms"), e.getMessage());
        assertEquals(RuntimeState.missing(), impatient.state("hang"));
        assertNoConmonFor(root.resolve("runtime/conmon/hang"));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                assertFalse(ProcessTable.live(pid) && ProcessTable.cmdline(pid).contains("4242"),
                        "the hook's sleep " + pid + " survived");
            }
        }
    }

    @Test
    void creatingAnExistingIdFailsAndLeavesTheExistingContainerAlone() throws Exception {
        Path bundle = overlayBundle("dup", List.of("sleep", "1000"));
        runtime.create("dup", bundle, root.resolve("dup.log"));
        ids.add("dup");
        pids.add(runtime.state("dup").pid());
        runtime.conmonPid("dup").ifPresent(pids::add);
        IOException e = assertThrows(IOException.class, () -> runtime.create("dup", bundle, root.resolve("dup2.log")));
        assertTrue(e.getMessage().contains("dup"), e.getMessage());
        assertEquals("created", runtime.state("dup").status());
        assertThrows(IllegalArgumentException.class, () -> runtime.create("../escape", bundle, root.resolve("x.log")));
    }

    @Test
    void startKillAndStateOfAnUnknownContainerNameIt() throws Exception {
        assertEquals(RuntimeState.missing(), runtime.state("ghost"));
        IOException start = assertThrows(IOException.class, () -> runtime.start("ghost"));
        assertTrue(start.getMessage().contains("ghost"), start.getMessage());
        IOException kill = assertThrows(IOException.class, () -> runtime.kill("ghost", 9, false));
        assertTrue(kill.getMessage().contains("ghost"), kill.getMessage());
        runtime.delete("ghost"); // idempotent
    }

    @Test
    void aMissingRuntimeBinaryIsReportedByName() {
        IOException e = assertThrows(IOException.class,
                () -> new ConmonRuncRuntime(RuncOptions.defaults(root).withRuntime("no-such-runtime")));
        assertTrue(e.getMessage().contains("no-such-runtime"), e.getMessage());
        assertTrue(runtime.describe().contains("runc version"), runtime.describe());
    }

    /** A bundle whose rootfs is overlay(busybox, ROOT/ID/upper) mounted at ROOT/ID/rootfs. */
    private Path overlayBundle(String id, List<String> args) throws IOException {
        Path bundle = Files.createDirectories(root.resolve(id));
        runtime.mount(new RootfsMount(List.of(busybox), bundle.resolve("upper"), bundle.resolve("work"),
                bundle.resolve("rootfs")));
        OciConfig.write(bundle, bundle.resolve("rootfs"), args);
        return bundle;
    }

    private static void assertNoConmonFor(Path dir) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (ProcessTable.live(pid)) {
                    assertFalse(String.join(" ", ProcessTable.cmdline(pid)).contains(dir.toString()),
                            "process " + pid + " still runs for " + dir);
                }
            }
        }
    }

    private static Set<String> fdNames(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Set<String> fdTargets(long pid) throws IOException {
        Set<String> targets = new HashSet<>();
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : s.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    // closed while we listed
                }
            }
        }
        return targets;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
