package io.cairn.engine.runtime.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.runtime.Busybox;
import io.cairn.engine.runtime.OciConfig;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.overlay.MountTable;
import io.cairn.engine.runtime.overlay.OverlayMounter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container outlives the JVM that created it: another JVM creates and starts it and is killed
 * with SIGKILL; conmon and the container go on, and this JVM (a restarted daemon) finds the
 * container running and, once it is killed, the exit code conmon recorded.
 */
class DaemonDeathTest {
    @TempDir
    Path root;
    private Process daemon;
    private ConmonRuncRuntime runtime;

    @BeforeEach
    void newRuntime() throws Exception {
        runtime = new ConmonRuncRuntime(RuncOptions.defaults(root));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null) {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        long conmon = runtime.conmonPid("survivor").orElse(0);
        runtime.delete("survivor");
        if (conmon > 0 && ProcessTable.live(conmon)) {
            ProcessHandle.of(conmon).ifPresent(ProcessHandle::destroyForcibly);
        }
        new OverlayMounter().unmount(root.resolve("b/rootfs"));
        assertEquals(List.of(), MountTable.under(root));
        assertFalse(conmon > 0 && ProcessTable.live(conmon), "conmon " + conmon + " left behind");
        assertEquals(List.of(), runtime.list());
        Files.deleteIfExists(runtime.options().socketDir());
    }

    @Test
    void theContainerAndConmonSurviveTheDaemonsSigkillAndTheExitCodeIsFoundAfterwards() throws Exception {
        Path lower = Busybox.unpack(root.resolve("busybox"));
        Path bundle = root.resolve("b");
        runtime.mount(new RootfsMount(List.of(lower), bundle.resolve("upper"), bundle.resolve("work"), bundle.resolve("rootfs")));
        OciConfig.write(bundle, bundle.resolve("rootfs"), List.of("sleep", "1000"));

        String java = ProcessHandle.current().info().command().orElse("java");
        daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CreateStartAndWait.class.getName(), root.toString(), "survivor", bundle.toString(),
                root.resolve("survivor.log").toString())
                .redirectError(root.resolve("daemon.err").toFile()).start();
        String said = new BufferedReader(new InputStreamReader(daemon.getInputStream())).readLine();
        assertEquals("started", said, () -> "daemon said " + said + "; stderr: " + read(root.resolve("daemon.err")));
        long conmon = runtime.conmonPid("survivor").orElseThrow();
        long init = runtime.state("survivor").pid();

        daemon.destroyForcibly(); // SIGKILL
        assertTrue(daemon.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, daemon.exitValue());

        assertTrue(ProcessTable.live(conmon), "conmon died with the daemon");
        assertTrue(ProcessTable.live(init), "the container died with the daemon");
        assertEquals("running", runtime.state("survivor").status());
        assertEquals(OptionalInt.empty(), runtime.exitCode("survivor"));

        runtime.kill("survivor", 9, false);
        assertEquals(OptionalInt.of(137), runtime.awaitExit("survivor", Duration.ofSeconds(30)));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }
}
