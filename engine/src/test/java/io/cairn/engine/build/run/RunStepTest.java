package io.cairn.engine.build.run;

import io.cairn.engine.event.MountSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.Filters;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;

import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RUN step's container: committed on exit 0, a build failure naming command and code otherwise,
 * one retry when the runtime fails before the process ran, and never a container left behind.
 * The cache text of a step changes with everything that changes its result, and only with that.
 */
class RunStepTest {

    private static final String BUILD = "b".repeat(64);

    @TempDir
    Path root;

    private final FakeRuntime runtime = new FakeRuntime();
    private Engine engine;
    private RunStep step;

    @BeforeEach
    void open() throws Exception {
        engine = TestEngines.open(root, new TestEngines.MemoryLocation(), runtime);
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new TarArchiveOutputStream(empty).close();
        new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(new ByteArrayInputStream(empty.toByteArray()),
                Optional.of("base"), ConfigChanges.apply(Map.of(), List.of()), null, 0);
        step = new RunStep(engine.containers());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static RunSpec spec(List<String> argv) {
        return new RunSpec("base", argv, List.of("PATH=/bin"), "/", "", "none", List.of(), String.join(" ", argv),
                List.of());
    }

    private void noContainerLeft() {
        assertEquals(List.of(), engine.containers().list(true, Filters.none()));
    }

    @Test
    void exitZeroCommitsTheWritableLayerAndRemovesTheContainer() {
        runtime.exitAtStart(0);
        List<Path> committed = new ArrayList<>();
        String image = step.run(spec(List.of("/bin/sh", "-c", "make")), BUILD, line -> { }, upper -> {
            committed.add(upper);
            assertTrue(Files.isDirectory(upper));
            return "sha256:new";
        }, 0);
        assertEquals("sha256:new", image);
        assertEquals(1, committed.size());
        assertTrue(committed.get(0).toString().startsWith(engine.root().containers().toString()));
        noContainerLeft();
    }

    @Test
    void aNonZeroExitFailsTheBuildNamingCommandAndCode() {
        runtime.exitAtStart(2);
        RunFailedException e = assertThrows(RunFailedException.class, () -> step.run(spec(List.of("false")), BUILD,
                line -> { }, upper -> { throw new AssertionError("a failed step is not committed"); }, 0));
        assertEquals("process \"false\" did not complete successfully: exit code: 2", e.getMessage());
        noContainerLeft();
    }

    @Test
    void aRuntimeFailureBeforeTheProcessRanIsTriedOnceMore() {
        runtime.exitAtStart(0);
        runtime.failCreates(1, "conmon exited without a word");
        assertEquals("sha256:ok", step.run(spec(List.of("true")), BUILD, line -> { }, upper -> "sha256:ok", 0));
        assertEquals(2, runtime.calls.stream().filter(c -> c.startsWith("create ")).count());
        noContainerLeft();

        runtime.failCreates(2, "conmon exited without a word");
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> step.run(spec(List.of("true")), BUILD, line -> { }, upper -> "sha256:never", 0));
        assertTrue(e.getMessage().startsWith("process \"true\" could not start: "), e.getMessage());
        noContainerLeft();
    }

    @Test
    void theCacheTextChangesWithWhatChangesTheResultOnly() {
        RunSpec base = new RunSpec("img", List.of("a b"), List.of("A=1"), "/", "", "none",
                List.of(new MountSpec("bind", "/tmp/ctx-1", "/src", true, List.of())), "a b", List.of("sha256:tree"));
        assertNotEquals(base.cacheText(), new RunSpec("img", List.of("a", "b"), List.of("A=1"), "/", "", "none",
                base.mounts(), "a b", base.mountKeys()).cacheText(), "argv words are length-prefixed");
        assertNotEquals(base.cacheText(), new RunSpec("img", base.argv(), List.of("A=2"), "/", "", "none",
                base.mounts(), "a b", base.mountKeys()).cacheText());
        assertNotEquals(base.cacheText(), new RunSpec("img", base.argv(), base.env(), "/srv", "", "none",
                base.mounts(), "a b", base.mountKeys()).cacheText());
        assertNotEquals(base.cacheText(), new RunSpec("img", base.argv(), base.env(), "/", "app", "none",
                base.mounts(), "a b", base.mountKeys()).cacheText());
        assertNotEquals(base.cacheText(), new RunSpec("img", base.argv(), base.env(), "/", "", "host",
                base.mounts(), "a b", base.mountKeys()).cacheText());
        assertNotEquals(base.cacheText(), new RunSpec("img", base.argv(), base.env(), "/", "", "none",
                base.mounts(), "a b", List.of("sha256:other")).cacheText());
        assertEquals(base.cacheText(), new RunSpec("other-image", base.argv(), base.env(), "/", "", "none",
                List.of(new MountSpec("bind", "/tmp/ctx-2", "/src", true, List.of())), "shown differently",
                base.mountKeys()).cacheText(), "the image is keyed apart; a mount's temporary host path says nothing");
    }
}
