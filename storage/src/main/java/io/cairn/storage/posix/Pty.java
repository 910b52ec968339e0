package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pseudo-terminal this process opened ({@code posix_openpt}): the master stays here, the slave
 * (by its path, {@link #slave}) is handed to a child as its stdio. What is written to the master is
 * the terminal's input, what is read its output; {@link #read} blocks, and returns -1 once every
 * holder of the slave has closed it (EIO) or after {@link #close}.
 */
public final class Pty implements AutoCloseable {
    private static final int EINTR = 4;
    private static final int EIO = 5;

    private final int fd;
    private final Path slave;
    private volatile boolean closed;

    private Pty(int fd, Path slave) {
        this.fd = fd;
        this.slave = slave;
    }

    /** A new pseudo-terminal; its master is not inherited by children (close-on-exec). */
    public static Pty open() throws PosixException {
        LibC libc = Posix.libc();
        Path ptmx = Path.of("/dev/ptmx");
        int fd = libc.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw Posix.error("posix_openpt", ptmx);
        }
        byte[] name = new byte[128];
        if (libc.grantpt(fd) < 0 || libc.unlockpt(fd) < 0 || libc.ptsname_r(fd, name, name.length) != 0) {
            int errno = Posix.errno();
            libc.close(fd);
            throw Posix.error("ptsname", ptmx, errno);
        }
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        return new Pty(fd, Path.of(new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The slave's path ({@code /dev/pts/N}). */
    public Path slave() {
        return slave;
    }

    /** Sends {@code signal} to process {@code pid} (SIGWINCH after a resize, to a child that relays the size). */
    public static void signal(long pid, int signal) throws PosixException {
        if (Posix.libc().kill((int) pid, signal) < 0) {
            throw Posix.error("kill", Path.of("/proc/" + pid), Posix.errno());
        }
    }

    public int read(byte[] buf) throws IOException {
        while (true) {
            if (closed) {
                return -1;
            }
            long n = Posix.libc().read(fd, buf, buf.length);
            if (n > 0) {
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = Posix.errno();
            if (errno == EIO || closed) {
                return -1; // the slave side is closed: the process and its children have ended
            }
            if (errno != EINTR) {
                throw Posix.error("read", slave, errno);
            }
        }
    }

    public void write(byte[] data, int len) throws IOException {
        byte[] rest = len == data.length ? data : java.util.Arrays.copyOf(data, len);
        int off = 0;
        while (off < len) {
            byte[] chunk = off == 0 ? rest : java.util.Arrays.copyOfRange(rest, off, len);
            long n = Posix.libc().write(fd, chunk, chunk.length);
            if (n < 0) {
                int errno = Posix.errno();
                if (errno == EINTR) {
                    continue;
                }
                throw Posix.error("write", slave, errno);
            }
            off += (int) n;
        }
    }

    /** Sets the terminal's size; its foreground process group gets SIGWINCH. */
    public void resize(int rows, int columns) throws IOException {
        short[] ws = {(short) rows, (short) columns, 0, 0};
        if (Posix.libc().ioctl(fd, LibC.TIOCSWINSZ, ws) < 0) {
            throw Posix.error("ioctl TIOCSWINSZ", slave);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Posix.libc().close(fd);
        }
    }
}
