package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.posix.Posix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay semantics over unpacked layers: whiteouts, opaque directories, non-directories hiding paths. */
class MergedTreeTest {

    @TempDir
    Path dir;
    private Path bottom;
    private Path top;

    @BeforeEach
    void layers() throws Exception {
        bottom = Files.createDirectories(dir.resolve("bottom"));
        top = Files.createDirectories(dir.resolve("top"));
        write(bottom, "etc/passwd", "root:x:0:0::/root:/bin/sh\n");
        write(bottom, "etc/gone", "x");
        write(bottom, "opaque/old", "x");
        write(bottom, "replaced/inner", "x");
        write(bottom, "keep/a", "bottom");
        write(top, "keep/a", "top");
        write(top, "keep/b", "new");
        Files.createDirectories(top.resolve("etc"));
        Posix.mknodChar(top.resolve("etc/gone"), 0, 0, 0);
        Files.createDirectories(top.resolve("opaque"));
        Posix.setXattr(top.resolve("opaque"), "trusted.overlay.opaque", new byte[] {'y'});
        write(top, "opaque/new", "x");
        write(top, "replaced", "now a file");
    }

    private static void write(Path layer, String rel, String text) throws Exception {
        Files.createDirectories(layer.resolve(rel).getParent());
        Files.writeString(layer.resolve(rel), text, StandardCharsets.UTF_8);
    }

    private MergedTree tree() {
        return new MergedTree(List.of(top, bottom));
    }

    @Test
    void theTopmostLayerWins() throws Exception {
        assertEquals(top.resolve("keep/a"), tree().lookup("keep/a").orElseThrow().file());
        assertEquals(bottom.resolve("etc/passwd"), tree().lookup("etc/passwd").orElseThrow().file());
        assertEquals(List.of("a", "b"), tree().list("keep"));
    }

    @Test
    void aWhiteoutHidesTheLowerFile() throws Exception {
        assertFalse(tree().lookup("etc/gone").isPresent());
        assertEquals(List.of("passwd"), tree().list("etc"));
    }

    @Test
    void anOpaqueDirectoryHidesTheLowerEntries() throws Exception {
        assertFalse(tree().lookup("opaque/old").isPresent());
        assertTrue(tree().lookup("opaque/new").isPresent());
        assertEquals(List.of("new"), tree().list("opaque"));
    }

    @Test
    void aFileHidesADirectoryBelowIt() throws Exception {
        assertFalse(tree().lookup("replaced/inner").isPresent());
        assertTrue(tree().lookup("replaced").orElseThrow().stat().isRegularFile());
        assertEquals(List.of(), tree().list("replaced"));
    }

    @Test
    void theRootListsEveryLayer() throws Exception {
        assertEquals(List.of("etc", "keep", "opaque", "replaced"), tree().list(""));
        assertFalse(MergedTree.empty().lookup("etc").isPresent());
    }
}
