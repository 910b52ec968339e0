package io.cairn.engine.daemon;

import io.cairn.engine.layout.RootLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The exclusive lock on {@code <root>/cairn.lock} (CLI.md): a running daemon holds it, and so does
 * any command that must run without one ({@code cairn journal repair}), so the two exclude each other.
 * The kernel drops it when the holder dies, so a crash never leaves it stale.
 */
public final class RootLock implements AutoCloseable {

    private final RootLayout root;
    private final FileChannel channel;

    private RootLock(RootLayout root, FileChannel channel) {
        this.root = root;
        this.channel = channel;
    }

    /** Takes the lock, or returns empty when another process holds it. */
    public static Optional<RootLock> tryAcquire(RootLayout root) throws IOException {
        FileChannel channel = FileChannel.open(root.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new RootLock(root, channel));
    }

    /** " (pid N)" from the running daemon's pid file, or "" when there is none. */
    public static String holderHint(RootLayout root) {
        try {
            return " (pid " + Files.readString(root.pidFile()).trim() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** Removes the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(root.lockFile());
        } finally {
            channel.close();
        }
    }
}
