package io.cairn.engine.daemon;

import io.cairn.engine.layout.RootLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Closes a root to other users at every daemon start, a root made by an older Cairn (0755
 * directories, 0644 files) included (DESIGN.md "Trust boundaries"; the CVE-2021-41091 class, where
 * any local user could run a setuid-root binary of an image from a container's rootfs).
 *
 * <p>The root is {@code 0710} and owned by the socket's group when there is one, so that the group's
 * members can reach {@code cairn.sock} (which lives in the root) and nothing else: Docker's choice
 * for a directory that a group must traverse. Without a socket group it is {@code 0700}. Every state
 * directory is {@code 0700}, so neither the group nor anyone else can reach a container's rootfs, a
 * layer, a volume or a log, whatever their own modes (a rootfs must keep the image's modes and
 * setuid bits for the container's sake). Files directly in the root ({@code daemon.log}, the pid and
 * lock files) and every file of the journal and the index, which hold container environments and
 * build arguments, become {@code 0600}; what the daemon creates later is already private because it
 * runs with umask 077.
 */
final class RootAccess {

    private static final int PRIVATE_DIR = 0700;
    private static final int GROUP_TRAVERSE_DIR = 0710;
    private static final int PRIVATE_FILE = 0600;
    private static final int STICKY = 01000;

    private RootAccess() {
    }

    /**
     * Closes {@code root}: see the class comment.
     *
     * @param socketGroup the group that may use the socket, if any
     */
    static void close(RootLayout root, Optional<GroupPrincipal> socketGroup) throws IOException {
        if (socketGroup.isPresent()) {
            Files.getFileAttributeView(root.dir(), PosixFileAttributeView.class).setGroup(socketGroup.get());
            chmod(root.dir(), GROUP_TRAVERSE_DIR);
        } else {
            chmod(root.dir(), PRIVATE_DIR);
        }
        try (Stream<Path> top = Files.list(root.dir())) {
            for (Path p : top.toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    chmod(p, PRIVATE_FILE);
                }
            }
        }
        for (Path dir : root.stateDirectories()) {
            closeDirectory(dir);
        }
        for (Path dir : List.of(root.journal(), root.index())) {
            closeTree(dir);
        }
    }

    /**
     * Refuses a root that is a shared directory such as /tmp (sticky bit): closing it would lock every
     * other user out of it. Called before anything is made in the root.
     */
    static void refuseShared(Path root) throws IOException {
        if (Files.isDirectory(root) && (mode(root.toRealPath()) & STICKY) != 0) {
            throw new IOException("the root " + root + " is a shared directory (sticky bit): give Cairn a directory"
                    + " of its own, e.g. " + root.resolve("cairn"));
        }
    }

    /** Makes {@code dir} private to its owner, if it exists (not a symlink: that is refused). */
    static void closeDirectory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link: a state directory must be a directory of the root");
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            chmod(dir, PRIVATE_DIR);
        }
    }

    /**
     * chmod, only when the mode differs: a chmod changes the file's ctime even to the same mode, and
     * the journal's clean-close seal counts a changed ctime as a changed file.
     */
    private static void chmod(Path p, int mode) throws IOException {
        if ((mode(p) & 07777) != mode) {
            // chmod(2) with the nine bits: setuid, setgid and sticky are cleared, as the modes here want.
            // The JDK's call, not Posix's: loading the native binding costs ~0.1 s of the daemon's start.
            Files.setPosixFilePermissions(p, permissions(mode));
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> set =
                java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values();
        for (int i = 0; i < bits.length; i++) { // OWNER_READ (0400) first, OTHERS_EXECUTE (0001) last
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** st_mode, not following a symlink. */
    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** Every directory under {@code top} 0700, every regular file 0600; symlinks are left alone. */
    private static void closeTree(Path top) throws IOException {
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    chmod(p, PRIVATE_DIR);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    chmod(p, PRIVATE_FILE);
                }
            }
        }
    }
}
