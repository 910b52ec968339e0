package io.cairn.storage.posix;

import java.nio.file.Path;

/**
 * Writes to a named pipe without waiting for a reader: the JDK's open blocks until one comes, so a
 * fifo whose reader died (conmon's control fifo, when conmon is gone) would hold the caller forever.
 */
public final class Fifo {
    private static final int O_NONBLOCK = 04000;

    private Fifo() {
    }

    /**
     * Writes {@code message} (at most PIPE_BUF bytes, so atomically) to the fifo at {@code path}.
     *
     * @throws PosixException ENXIO when nothing reads the fifo, EAGAIN when it is full, or any open error
     */
    public static void write(Path path, byte[] message) throws PosixException {
        LibC libc = Posix.libc();
        int fd = libc.open(path.toString(), LibC.O_WRONLY | O_NONBLOCK | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
        if (fd < 0) {
            throw Posix.error("open", path);
        }
        try {
            if (libc.write(fd, message, message.length) != message.length) {
                throw Posix.error("write", path);
            }
        } finally {
            libc.close(fd);
        }
    }
}
