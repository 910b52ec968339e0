package io.cairn.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.layout.RootLayout;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a root (issue 10, A4/A5); the daemon-level test is DaemonBoundaryIT. */
class RootAccessTest {

    @TempDir
    Path tmp;

    @Test
    void closesAnOpenRootButLeavesContentAlone() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("root"));
        RootLayout root = new RootLayout(dir).create();
        Files.createDirectories(root.index());
        Path log = Files.writeString(root.log(), "started\n");
        Path journalFile = Files.writeString(root.journal().resolve("20261207.cq4"), "entries");
        Path indexFile = Files.writeString(root.index().resolve("000001.sst"), "rows");
        Path layerFile = Files.createDirectories(root.layers().resolve("abc/diff/etc")).resolve("passwd");
        Files.writeString(layerFile, "root:x:0:0\n");
        for (Path p : new Path[] {dir, root.journal(), root.index(), root.layers(), root.containers()}) {
            Posix.chmod(p, 0755);
        }
        for (Path p : new Path[] {log, journalFile, indexFile, layerFile}) {
            Posix.chmod(p, 0644);
        }
        Posix.chmod(root.index(), 02755); // setgid and setuid bits go too
        Posix.chmod(indexFile, 04755);

        RootAccess.close(root, Optional.empty());

        assertEquals(0700, mode(dir));
        for (Path p : root.stateDirectories()) {
            assertEquals(0700, mode(p), p.toString());
        }
        for (Path p : new Path[] {log, journalFile, indexFile}) {
            assertEquals(0600, mode(p), p.toString());
        }
        assertEquals(0644, mode(layerFile), "an image's file keeps the image's mode");
    }

    /** A closed root is not chmodded again: the journal's clean-close seal counts a new ctime as a change. */
    @Test
    void closingAClosedRootChangesNoCtime() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("root"));
        RootLayout root = new RootLayout(dir).create();
        Path journalFile = Files.writeString(root.journal().resolve("20261207.cq4"), "entries");
        RootAccess.close(root, Optional.empty());
        Object before = Files.getAttribute(journalFile, "unix:ctime");
        // let the file system's clock tick past that ctime, so that any chmod now would change it
        Path probe = tmp.resolve("probe");
        do {
            Files.writeString(probe, "tick");
        } while (Files.getLastModifiedTime(probe).compareTo((java.nio.file.attribute.FileTime) before) <= 0);

        RootAccess.close(root, Optional.empty());

        assertEquals(before, Files.getAttribute(journalFile, "unix:ctime"));
        assertEquals(0600, mode(journalFile));
    }

    @Test
    void refusesASharedDirectoryAsRoot() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Posix.chmod(shared, 01777);
        IOException e = assertThrows(IOException.class, () -> RootAccess.refuseShared(shared));
        assertTrue(e.getMessage().contains("sticky bit"), e.getMessage());
        assertEquals(01777, Posix.lstat(shared).mode() & 07777, "left as it was");
        RootAccess.refuseShared(tmp.resolve("absent")); // a root to be made is fine
        RootAccess.refuseShared(Files.createDirectory(tmp.resolve("own")));
        assertFalse(Files.exists(tmp.resolve("absent")));
    }

    private static int mode(Path p) throws IOException {
        return Posix.lstat(p).mode() & 07777;
    }
}
