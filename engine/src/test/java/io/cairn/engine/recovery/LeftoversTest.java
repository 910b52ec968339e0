package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories no indexed object owns go at start; known ones and staging's parent stay. */
class LeftoversTest {

    @TempDir
    Path dir;

    private final List<Path> unmounted = new ArrayList<>();
    private final Leftovers leftovers = new Leftovers(unmounted::add);

    @Test
    void removesOnlyWhatTheIndexDoesNotKnowAndSaysWhy() throws Exception {
        Path containers = Files.createDirectories(dir.resolve("containers"));
        Files.createDirectories(containers.resolve("known/upper"));
        Files.createDirectories(containers.resolve("orphan/upper"));
        Files.writeString(containers.resolve("orphan/upper/file"), "x");
        List<String> changes = leftovers.removeUnknown(containers, Set.of("known")::contains, "container");
        assertEquals(List.of("removed directory " + containers.resolve("orphan") + " of no indexed container (left by a"
                + " crash before its create was journaled or after its removal was)"), changes);
        assertTrue(Files.isDirectory(containers.resolve("known/upper")));
        assertFalse(Files.exists(containers.resolve("orphan")));
        assertEquals(List.of(), unmounted, "nothing was mounted there");
        assertEquals(List.of(), leftovers.removeUnknown(dir.resolve("absent"), n -> false, "container"));
    }

    @Test
    void stagingIsEmptiedAndMadeWhenMissing() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp/import-1/layer"));
        Files.writeString(tmp.resolve("blob"), "partial");
        assertEquals(List.of(), leftovers.emptyStaging(dir.resolve("tmp")));
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, left.count());
        }
        leftovers.emptyStaging(dir.resolve("tmp2"));
        assertTrue(Files.isDirectory(dir.resolve("tmp2")));
    }
}
