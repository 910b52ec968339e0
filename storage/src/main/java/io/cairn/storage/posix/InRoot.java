package io.cairn.storage.posix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory that untrusted paths are resolved in as if it were {@code /}: every component,
 * symlinks included, is resolved by the kernel inside it ({@code openat2} with
 * {@code RESOLVE_IN_ROOT}), so a link to {@code /} means the directory itself and {@code ..} stops
 * at it. This is how a build context is read: Docker's rule that a context symlink means what it
 * means inside the context, never on the host.
 *
 * <p>{@link #locate} hands back a host path whose directories were resolved by the kernel: using it
 * afterwards is safe against the directory's own content (hostile links), not against a process
 * that swaps components of it meanwhile; {@link #open} has no such window. Linux 5.6 or later.
 */
public final class InRoot {
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;

    private final Path root;

    private InRoot(Path root) {
        this.root = root;
    }

    /** {@code dir} as a root; it is resolved to its real path once, here. */
    public static InRoot of(Path dir) throws IOException {
        return new InRoot(dir.toRealPath());
    }

    /** The root's real path. */
    public Path root() {
        return root;
    }

    /**
     * Where {@code rel} (relative, {@code /}-separated; {@code ""} for the root) is on the host: its
     * directories resolved inside the root, its last component as named (a link there is not
     * followed). Empty when a directory on the way does not exist or is not a directory.
     */
    public Optional<Path> locate(String rel) throws IOException {
        String clean = strip(rel);
        if (clean.isEmpty()) {
            return Optional.of(root);
        }
        int slash = clean.lastIndexOf('/');
        String name = clean.substring(slash + 1);
        String parent = slash < 0 ? "" : clean.substring(0, slash);
        if (name.equals(".") || name.equals("..")) {
            parent = clean;
            name = "";
        }
        Optional<Path> dir = directory(parent);
        String last = name;
        return last.isEmpty() ? dir : dir.map(d -> d.resolve(last));
    }

    /**
     * Where {@code rel} ends up on the host with every component resolved inside the root, the last
     * one's link too (as the container sees the path). When it does not exist, the path it would
     * have: its directories resolved, its name as written, {@code ..} stopping at the root.
     *
     * @throws PosixException ELOOP for a loop of links
     */
    public Path resolve(String rel) throws IOException {
        String clean = strip(rel);
        int fd = openat2(clean.isEmpty() ? "." : clean, LibC.O_PATH | LibC.O_CLOEXEC);
        if (fd >= 0) {
            try {
                Path real = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
                if (!real.startsWith(root)) {
                    throw new NoSuchFileException(rel, null, "resolved outside " + root + ": " + real);
                }
                return real;
            } finally {
                Posix.libc().close(fd);
            }
        }
        if (-fd != ENOENT && -fd != ENOTDIR) {
            throw Posix.error("openat2 (in " + root + ")", Path.of(rel), -fd);
        }
        Optional<Path> located = locate(clean);
        if (located.isPresent()) {
            return located.get();
        }
        Path p = root;
        for (String part : clean.split("/")) {
            if (part.equals("..")) {
                p = p.equals(root) ? root : p.getParent();
            } else if (!part.isEmpty() && !part.equals(".")) {
                p = p.resolve(part);
            }
        }
        return p;
    }

    /**
     * Holds directory {@code rel} open, every component (the last too) resolved inside the root:
     * calls made through its {@link Beneath#path()} act in that directory whatever a process in the
     * root does to the path meanwhile (a component swapped for a link to {@code /} changes nothing).
     *
     * @throws PosixException ENOENT or ENOTDIR when it is missing or not a directory
     */
    public Beneath openDirectory(String rel) throws IOException {
        String clean = strip(rel);
        int fd = openat2(clean.isEmpty() ? "." : clean, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw Posix.error("openat2 (in " + root + ")", Path.of(rel), -fd);
        }
        return Beneath.adopt(fd);
    }

    /** Opens the regular file {@code rel} for reading, every component (the last too) resolved inside the root. */
    public InputStream open(String rel) throws IOException {
        int fd = openat2(strip(rel), LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw Posix.error("openat2 (in " + root + ")", Path.of(rel), -fd);
        }
        try {
            // reopening through our own descriptor's /proc link names the same open file, not a path
            return new FileInputStream("/proc/self/fd/" + fd);
        } finally {
            Posix.libc().close(fd);
        }
    }

    private Optional<Path> directory(String rel) throws IOException {
        int fd = openat2(rel.isEmpty() ? "." : rel, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0) {
            if (-fd == ENOENT || -fd == ENOTDIR || -fd == ELOOP) {
                return Optional.empty();
            }
            throw Posix.error("openat2 (in " + root + ")", Path.of(rel), -fd);
        }
        try {
            Path real = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            if (!real.startsWith(root)) {
                // RESOLVE_IN_ROOT makes this impossible; a kernel without it would have failed the call
                throw new NoSuchFileException(rel, null, "resolved outside " + root + ": " + real);
            }
            return Optional.of(real);
        } finally {
            Posix.libc().close(fd);
        }
    }

    /** The new descriptor, or minus errno. */
    private int openat2(String rel, int flags) throws IOException {
        int rootFd = Posix.libc().open(root.toString(), LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (rootFd < 0) {
            throw Posix.error("open", root);
        }
        try {
            long[] how = {flags, 0, LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS};
            int fd = Posix.libc().syscall(LibC.SYS_OPENAT2, rootFd, rel, how, 24);
            return fd >= 0 ? fd : -Posix.errno();
        } finally {
            Posix.libc().close(rootFd);
        }
    }

    private static String strip(String rel) {
        String r = rel;
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
