package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves behind is cleaned at the next start: a {@code containers/<id>} directory no
 * container owns (a crash between the journaled removal and the delete, or before a create was
 * journaled), even with an overlay still mounted in it, and a build step's view mounted in staging.
 */
class LeftoversIT {

    @Test
    void strayContainerDirectoriesAndStagingMountsAreUnmountedAndRemovedAtStart() throws Exception {
        try (Cairn cairn = new Cairn()) {
            cairn.run("volume", "create", "keep").ok();
            cairn.stopDaemon();
            Path stray = cairn.root().resolve("containers").resolve("5e".repeat(32));
            Path view = cairn.root().resolve("tmp/run-123");
            try {
                mountOverlay(stray);
                mountOverlay(view);
                assertEquals(2, Scratch.mountsUnder(cairn.root()).size(), "the test mounted two overlays");

                assertEquals(List.of("keep"), cairn.run("volume", "ls", "-q").ok().lines(), "the daemon starts");

                assertFalse(Files.exists(stray), "the stray container directory is gone");
                assertFalse(Files.exists(view), "staging is empty");
                assertEquals(List.of(), Scratch.mountsUnder(cairn.root()), "nothing is left mounted");
                String log = Files.readString(cairn.root().resolve("daemon.log"));
                assertTrue(log.contains("removed directory " + stray + " of no indexed container")
                        && log.contains("after unmounting " + stray.resolve("rootfs")), log);
                assertTrue(log.contains("unmounted " + view.resolve("merged")), log);
                cairn.run("system", "check").ok();
            } finally {
                for (Path m : Scratch.mountsUnder(cairn.root())) {
                    Exec.run(List.of("umount", "-l", m.toString()), Map.of());
                }
            }
        }
    }

    /** An overlay at {@code dir/rootfs} (or {@code dir/merged} in staging) over lower/upper/work in {@code dir}. */
    private static void mountOverlay(Path dir) throws Exception {
        Path target = dir.resolve(dir.getParent().getFileName().toString().equals("tmp") ? "merged" : "rootfs");
        for (String sub : List.of("lower", "upper", "work")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("lower/file"), "from the image\n");
        Files.createDirectories(target);
        Exec.run(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + dir.resolve("lower") + ",upperdir="
                + dir.resolve("upper") + ",workdir=" + dir.resolve("work"), target.toString()), Map.of()).ok();
        assertTrue(Files.exists(target.resolve("file")));
    }
}
