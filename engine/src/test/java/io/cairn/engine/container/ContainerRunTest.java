package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import io.cairn.api.CannotRunException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's life through the service with a fake runtime: the decisions (start once, refuse rm
 * while running), the runtime effects (mount, create, start, clean-up) and the waits (wait, stop)
 * as the index sees them.
 */
class ContainerRunTest {

    @TempDir
    Path root;

    private final FakeRuntime runtime = new FakeRuntime();
    private Engine engine;
    private ContainerService containers;

    @BeforeEach
    void open() throws IOException {
        engine = TestEngines.open(root, new TestEngines.MemoryLocation(), runtime);
        containers = engine.containers();
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new TarArchiveOutputStream(empty).close();
        new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(new ByteArrayInputStream(empty.toByteArray()),
                Optional.of("app"), ConfigChanges.apply(Map.of(), List.of("CMD [\"/bin/app\"]")), null, 0);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private String create(String name, boolean autoRemove) {
        return containers.create(new CreateRequest("app", name, null, null, null, null, null, null, null, null, false, null,
                null, null, false, null, autoRemove), 0);
    }

    private static <T> CompletableFuture<T> async(java.util.function.Supplier<T> call) {
        return CompletableFuture.supplyAsync(call);
    }

    @Test
    void startRunsOnceAndWaitReturnsTheExitCodeWhenTheProcessEnds() throws Exception {
        String id = create("web", false);
        assertTrue(containers.start("web", 0));
        assertFalse(containers.start("web", 0), "already started: Docker's 304");
        assertEquals(1, runtime.calls.stream().filter(c -> c.startsWith("start ")).count());
        ContainerRecord running = containers.resolve(id);
        assertTrue(running.running());
        assertTrue(runtime.isMounted(containers.directory(id).resolve("rootfs")));

        CompletableFuture<Integer> waited = async(() -> containers.await("web"));
        assertThrows(TimeoutException.class, () -> waited.get(200, TimeUnit.MILLISECONDS));
        ConflictException busy = assertThrows(ConflictException.class, () -> containers.remove("web", false, false, 0));
        assertTrue(busy.getMessage().contains("container is running"), busy.getMessage());

        runtime.exit(id, 7);
        assertEquals(7, waited.get(10, TimeUnit.SECONDS));
        ContainerRecord exited = containers.resolve(id);
        assertEquals("exited", exited.status());
        assertEquals(7, exited.exitCode());
        assertFalse(runtime.isMounted(containers.directory(id).resolve("rootfs")), "the monitor cleaned up the run");
        ConflictException notRunning = assertThrows(ConflictException.class, () -> containers.kill("web", 9, 0));
        assertTrue(notRunning.getMessage().contains("is not running"), notRunning.getMessage());
        assertFalse(containers.stop("web", 1, 0), "already stopped: Docker's 304");
    }

    @Test
    void stopSendsTheStopSignalAndReturnsOnceTheDeathIsIndexed() {
        String id = create("web", false);
        containers.start(id, 0);
        assertTrue(containers.stop(id, 10, 0));
        assertEquals("exited", containers.resolve(id).status());
        assertEquals(128 + 15, containers.resolve(id).exitCode(), "SIGTERM, the image's default stop signal");
        assertTrue(runtime.calls.contains("kill " + id + " 15"), runtime.calls.toString());
    }

    @Test
    void anAutoRemoveContainerIsGoneWhenWaitReturns() throws Exception {
        String id = create("once", true);
        containers.start(id, 0);
        CompletableFuture<Integer> waited = async(() -> containers.await(id));
        runtime.exit(id, 3);
        assertEquals(3, waited.get(10, TimeUnit.SECONDS));
        assertThrows(NotFoundException.class, () -> containers.resolve(id), "the removal is indexed when wait returns");
    }

    @Test
    void aStartTheRuntimeRefusesEndsExitedWithDockersCode() {
        String id = create("broken", false);
        runtime.failCreates(1, "exec: \"/bin/app\": stat /bin/app: no such file or directory: not found");
        // Docker's daemon answers a start the runtime refuses with the kind the CLI turns into 127/126
        CannotRunException e = assertThrows(CannotRunException.class, () -> containers.start(id, 0));
        assertTrue(e.getMessage().startsWith("failed to start container broken: "), e.getMessage());
        assertEquals(io.cairn.api.ErrorKind.COMMAND_NOT_FOUND, e.kind());
        ContainerRecord c = containers.resolve(id);
        assertEquals("exited", c.status());
        assertEquals(127, c.exitCode(), "command not found");
        assertEquals(127, containers.await(id));
        assertFalse(runtime.isMounted(containers.directory(id).resolve("rootfs")), "a failed start is cleaned up");

        runtime.failCreates(1, "permission denied");
        CannotRunException denied = assertThrows(CannotRunException.class, () -> containers.start(id, 0));
        assertEquals(io.cairn.api.ErrorKind.COMMAND_NOT_INVOKABLE, denied.kind());
        assertEquals(126, containers.resolve(id).exitCode(), "cannot be invoked");
    }

    @Test
    void rmForceKillsARunningContainerAndRemovesIt() {
        String id = create("doomed", false);
        containers.start(id, 0);
        containers.remove(id, true, false, 0);
        assertThrows(NotFoundException.class, () -> containers.resolve(id));
        assertTrue(runtime.calls.contains("kill " + id + " 9"), runtime.calls.toString());
        assertFalse(Files.exists(containers.directory(id)));
    }
}
