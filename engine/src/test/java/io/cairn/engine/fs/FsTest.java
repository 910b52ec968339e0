package io.cairn.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's paths resolve inside its rootfs, never on the host; tree helpers never follow a
 * link out of the tree they work on.
 */
class FsTest {

    @TempDir
    Path dir;

    private Path rootfs() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/shadow"), "inside");
        return rootfs.toRealPath();
    }

    @Test
    void absoluteAndDotDotLinksResolveInsideTheRootfs() throws Exception {
        Path rootfs = rootfs();
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/shadow"));
        Files.createSymbolicLink(rootfs.resolve("etc/group"), Path.of("../../../../etc/shadow"));
        Path passwd = RootfsPath.resolve(rootfs, "/etc/passwd");
        assertEquals(rootfs.resolve("etc/shadow"), passwd, "an absolute link means the container's /");
        assertEquals("inside", Files.readString(passwd));
        assertEquals(rootfs.resolve("etc/shadow"), RootfsPath.resolve(rootfs, "/etc/group"), ".. stops at the rootfs");
        assertEquals(rootfs.resolve("etc/shadow"), RootfsPath.resolve(rootfs, "/../../etc/shadow"));
        assertTrue(RootfsPath.isFile(passwd));
        assertFalse(RootfsPath.isFile(rootfs.resolve("etc")));
        assertFalse(RootfsPath.isFile(rootfs.resolve("etc/group")), "a link is not a regular file");
    }

    @Test
    void aMissingPathResolvesToWhereItWouldBe() throws Exception {
        Path rootfs = rootfs();
        Files.createSymbolicLink(rootfs.resolve("home"), Path.of("/etc"));
        assertEquals(rootfs.resolve("etc/nothing"), RootfsPath.resolve(rootfs, "/home/nothing"));
    }

    @Test
    void aLinkLoopIsTheCallersErrorNamingThePath() throws Exception {
        Path rootfs = rootfs();
        Files.createSymbolicLink(rootfs.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(rootfs.resolve("b"), Path.of("/a"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> RootfsPath.resolve(rootfs, "/a"));
        assertTrue(e.getMessage().startsWith("too many symbolic links resolving /a"), e.getMessage());
    }

    @Test
    void deleteRemovesTheTreeButNotWhatItsLinksPointAt() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(tree.resolve("f"), "x");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(tree.resolve("dirlink"), dir);
        Trees.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(outside));
        Trees.delete(dir.resolve("tree")); // absent is fine
    }

    @Test
    void createVisibleSetsExactlyTheModeOnceAndEmptyKeepsTheDirectory() throws Exception {
        Path visible = Trees.createVisible(dir.resolve("a/b/upper"), 0755);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(visible)));
        Files.setPosixFilePermissions(visible, PosixFilePermissions.fromString("rwx------"));
        Trees.createVisible(visible, 0755);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(visible)),
                "an existing directory keeps the mode a container gave it");
        Files.writeString(visible.resolve("f"), "x");
        Files.createDirectories(visible.resolve("d/e"));
        Trees.empty(visible);
        assertTrue(Files.isDirectory(visible));
        try (var left = Files.list(visible)) {
            assertEquals(0, left.count());
        }
        Trees.empty(dir.resolve("fresh"));
        assertTrue(Files.isDirectory(dir.resolve("fresh")), "empty creates an absent directory");
    }
}
