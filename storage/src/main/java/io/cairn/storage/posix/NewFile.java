package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A regular file being created: opened with {@code O_CREAT|O_EXCL|O_NOFOLLOW} (so never through
 * an existing file or symlink), written, and given its owner, mode and times through its file
 * descriptor — the calls GNU tar makes, without a path lookup for each. Close it exactly once.
 */
public final class NewFile implements AutoCloseable {
    private final Path path;
    private int fd;

    private NewFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Creates {@code path}, which must not exist, with permissions 0600 until {@link #chmod}. */
    public static NewFile create(Path path) throws IOException {
        return create(path, path);
    }

    /**
     * Creates {@code at} (often a {@code /proc/self/fd/N/name} path through an anchored directory),
     * naming {@code named} — the path a user would recognise — in every error.
     */
    public static NewFile create(Path at, Path named) throws IOException {
        int fd = Posix.libc().open(at.toString(),
                LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw Posix.error("open", named);
        }
        return new NewFile(named, fd);
    }

    /** Writes the first {@code length} bytes of {@code buffer}; the buffer may be reused after. */
    public void write(byte[] buffer, int length) throws IOException {
        int done = 0;
        while (done < length) {
            byte[] chunk = buffer;
            if (done > 0) {
                // a short write (rare on regular files): the rest goes from the start of a copy
                chunk = java.util.Arrays.copyOfRange(buffer, done, length);
            }
            long n = Posix.libc().write(fd, chunk, length - done);
            if (n < 0) {
                throw Posix.error("write", path);
            }
            done += (int) n;
        }
    }

    public void chown(int uid, int gid) throws IOException {
        if (Posix.libc().fchown(fd, uid, gid) != 0) {
            throw Posix.error("fchown", path);
        }
    }

    /** All twelve permission bits; call after {@link #chown}, which clears setuid/setgid. */
    public void chmod(int mode) throws IOException {
        if (Posix.libc().fchmod(fd, mode & 07777) != 0) {
            throw Posix.error("fchmod", path);
        }
    }

    /** Sets mtime and atime; call last, since writing changes mtime. */
    public void setTimes(long epochSecond, int nanos) throws IOException {
        if (Posix.libc().futimens(fd, new long[] {epochSecond, nanos, epochSecond, nanos}) != 0) {
            throw Posix.error("futimens", path);
        }
    }

    @Override
    public void close() throws IOException {
        if (fd < 0) {
            return;
        }
        int f = fd;
        fd = -1;
        if (Posix.libc().close(f) != 0) {
            throw Posix.error("close", path);
        }
    }
}
