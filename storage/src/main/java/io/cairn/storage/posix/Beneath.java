package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory below a root, held open for the calls made in it: reached by the kernel without
 * following any symlink and without leaving the root ({@code openat2} with
 * {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}). {@link #path()} names it through this process's
 * descriptor, so a call on {@code path().resolve(name)} acts in that very directory whatever
 * happens to the path strings meanwhile: a writer that must never follow a link out (the
 * extractor) anchors every entry's parent this way.
 */
public final class Beneath implements AutoCloseable {
    private static final int ELOOP = 40;
    private static final int EXDEV = 18;

    private final int fd;
    private final Path path;

    private Beneath(int fd) {
        this.fd = fd;
        this.path = Path.of("/proc/self/fd/" + fd);
    }

    /**
     * Opens directory {@code rel} (relative, {@code /}-separated; {@code ""} for the root itself) below {@code root}.
     *
     * @throws PosixException ELOOP when a component is a symlink, ENOTDIR when one is not a directory
     */
    public static Beneath open(Path root, String rel) throws IOException {
        int rootFd = Posix.libc().open(root.toString(), LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (rootFd < 0) {
            throw Posix.error("open", root);
        }
        try {
            long[] how = {LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0,
                    LibC.RESOLVE_BENEATH | LibC.RESOLVE_NO_SYMLINKS | LibC.RESOLVE_NO_MAGICLINKS};
            int fd = Posix.libc().syscall(LibC.SYS_OPENAT2, rootFd, rel.isEmpty() ? "." : rel, how, 24);
            if (fd < 0) {
                int errno = Posix.errno();
                String why = errno == ELOOP ? "openat2 (a component is a symlink)"
                        : errno == EXDEV ? "openat2 (leaves the root)" : "openat2";
                throw Posix.error(why, root.resolve(rel), errno);
            }
            return new Beneath(fd);
        } finally {
            Posix.libc().close(rootFd);
        }
    }

    /** Holds an already open directory descriptor (closed with this object). */
    static Beneath adopt(int fd) {
        return new Beneath(fd);
    }

    /** The directory itself, as {@code /proc/self/fd/N}: resolve names against it; use {@code resolve(".")} for the directory. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        Posix.libc().close(fd);
    }
}
