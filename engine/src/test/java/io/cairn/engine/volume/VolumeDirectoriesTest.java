package io.cairn.engine.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volume directories on disk and Docker's volume names. */
class VolumeDirectoriesTest {

    @TempDir
    Path root;

    @Test
    void aVolumeDirectoryIsDockersModeWhateverTheUmaskAndItsEffectsAreIdempotent() throws Exception {
        VolumeDirectories dirs = new VolumeDirectories(root);
        dirs.create("data");
        dirs.create("data");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data"))));
        Files.writeString(root.resolve("data/a"), "12345");
        Files.createDirectories(root.resolve("data/sub"));
        Files.writeString(root.resolve("data/sub/b"), "678");
        assertTrue(dirs.size("data") >= 8, "size counts every file below");
        assertEquals(0, dirs.size("missing"), "size is informative: a missing volume has none");
        dirs.delete("data");
        dirs.delete("data");
        assertFalse(Files.exists(root.resolve("data")));
    }

    @Test
    void reconcileMakesTheDiskMatchTheIndex() throws Exception {
        VolumeDirectories dirs = new VolumeDirectories(root);
        dirs.create("kept");
        dirs.create("orphan");
        Files.writeString(root.resolve("orphan/file"), "x");
        List<String> changed = dirs.reconcile(List.of("kept", "lost"));
        assertEquals(List.of("created missing directory of volume lost", "deleted directory of removed volume orphan"),
                changed);
        assertTrue(Files.isDirectory(root.resolve("lost")));
        assertFalse(Files.exists(root.resolve("orphan")));
        assertEquals(List.of(), dirs.reconcile(List.of("kept", "lost")), "a second reconcile has nothing to do");
    }

    @Test
    void namesFollowDockersRules() {
        assertEquals("my-vol_1.a", VolumeNames.check("my-vol_1.a"));
        InvalidArgumentException tooShort = assertThrows(InvalidArgumentException.class, () -> VolumeNames.check("a"));
        assertTrue(tooShort.getMessage().contains("too short"), tooShort.getMessage());
        for (String bad : List.of("-lead", "_lead", "a/b", "..", "sp ace", "x".repeat(256))) {
            assertThrows(InvalidArgumentException.class, () -> VolumeNames.check(bad), bad);
        }
        String random = VolumeNames.random();
        assertTrue(random.matches("[0-9a-f]{64}"), random);
        assertFalse(random.equals(VolumeNames.random()));
    }
}
