package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected unix {@code SOCK_SEQPACKET} socket, which the JDK's channels cannot open: conmon's
 * attach socket is one. Each {@link #receive} returns one packet. A socket whose path is longer
 * than {@code sockaddr_un} holds (108 bytes) is reached through {@code /proc/self/fd} of an
 * {@code O_PATH} descriptor, as Podman does. Blocking; {@link #close} (or {@link #shutdown}) from
 * another thread wakes a blocked {@link #receive}.
 */
public final class SeqPacketSocket implements AutoCloseable {
    private static final int EINTR = 4;
    private static final int SUN_PATH = 108;

    private final Path path;
    private final int fd;
    private volatile boolean closed;

    private SeqPacketSocket(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Connects to the socket at {@code path}. */
    public static SeqPacketSocket connect(Path path) throws PosixException {
        LibC libc = Posix.libc();
        int pathFd = libc.open(path.toString(), LibC.O_PATH | LibC.O_CLOEXEC, 0);
        if (pathFd < 0) {
            throw Posix.error("open", path);
        }
        try {
            int fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Posix.error("socket", path);
            }
            byte[] name = ("/proc/self/fd/" + pathFd).getBytes(StandardCharsets.US_ASCII);
            byte[] addr = new byte[2 + SUN_PATH];
            addr[0] = (byte) LibC.AF_UNIX; // sa_family_t, little-endian on every Linux the JDK runs on here
            System.arraycopy(name, 0, addr, 2, name.length);
            if (libc.connect(fd, addr, 2 + name.length + 1) < 0) {
                int errno = Posix.errno();
                libc.close(fd);
                throw Posix.error("connect", path, errno);
            }
            return new SeqPacketSocket(path, fd);
        } finally {
            libc.close(pathFd);
        }
    }

    /** One packet into {@code buf}: its length, or 0 once the peer has closed (or we shut down). */
    public int receive(byte[] buf) throws IOException {
        while (true) {
            long n = Posix.libc().read(fd, buf, buf.length);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Posix.errno();
            if (closed) {
                return 0;
            }
            if (errno != EINTR) {
                throw Posix.error("read", path, errno);
            }
        }
    }

    /** Sends {@code len} bytes of {@code data} as one packet. */
    public void send(byte[] data, int len) throws IOException {
        byte[] packet = data;
        if (len != data.length) {
            packet = java.util.Arrays.copyOf(data, len);
        }
        while (true) {
            long n = Posix.libc().write(fd, packet, len);
            if (n >= 0) {
                return;
            }
            int errno = Posix.errno();
            if (errno != EINTR) {
                throw Posix.error("write", path, errno);
            }
        }
    }

    /** Ends our sending side: the peer reads EOF, and may still send to us. */
    public void shutdownOutput() {
        Posix.libc().shutdown(fd, LibC.SHUT_WR);
    }

    /** Ends both sides without closing the descriptor: a blocked {@link #receive} returns. */
    public void shutdown() {
        closed = true;
        Posix.libc().shutdown(fd, LibC.SHUT_RDWR);
    }

    @Override
    public synchronized void close() {
        if (fd >= 0 && !closedFd) {
            closedFd = true;
            shutdown();
            Posix.libc().close(fd);
        }
    }

    private boolean closedFd;
}
