package io.cairn.storage.posix;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process descriptor ({@code pidfd_open(2)}, Linux 5.3+): how to wait for a process that is not
 * our child, which {@code waitpid} cannot and {@link ProcessHandle#onExit} only polls for (every
 * 300 ms and more). The descriptor names the process it was opened for, so a pid reused after it
 * exits is never mistaken for it: check that the process is the one meant after opening, then wait.
 */
public final class PidFd implements AutoCloseable {
    private static final int ESRCH = 3;
    private static final int EINTR = 4;

    private final long pid;
    private final int fd;

    private PidFd(long pid, int fd) {
        this.pid = pid;
        this.fd = fd;
    }

    /** A descriptor of {@code pid}, or empty when no such process exists (any more). */
    public static Optional<PidFd> open(long pid) throws PosixException {
        int fd = (int) Posix.libc().syscall(LibC.SYS_PIDFD_OPEN, (int) pid, 0);
        if (fd >= 0) {
            return Optional.of(new PidFd(pid, fd));
        }
        int errno = Posix.errno();
        if (errno == ESRCH) {
            return Optional.empty();
        }
        throw Posix.error("pidfd_open", Path.of("/proc/" + pid), errno);
    }

    /** Waits up to {@code timeoutMillis} for the process to exit; true when it has. */
    public boolean awaitExit(long timeoutMillis) throws PosixException, InterruptedIOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for process " + pid);
            }
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int[] pollfd = {fd, LibC.POLLIN};
            int n = Posix.libc().poll(pollfd, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (n > 0) {
                return true; // a pidfd polls readable once its process has exited
            }
            if (n == 0) {
                return false;
            }
            int errno = Posix.errno();
            if (errno != EINTR) {
                throw Posix.error("poll", Path.of("/proc/" + pid), errno);
            }
        }
    }

    @Override
    public void close() {
        Posix.libc().close(fd);
    }
}
