package io.cairn.journal.chronicle;

import io.cairn.journal.JournalException;
import io.cairn.journal.JournalFullException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses appends when the journal's file system runs low, because Chronicle writes through a
 * memory mapping: touching a page the file system cannot back kills the JVM with SIGBUS instead
 * of raising an IOException, and leaves a torn frame.
 *
 * <p>Asking the file system ({@code statfs}) costs microseconds, so while space is plentiful it is
 * asked once per {@link #CHECK_EVERY_BYTES} of frames, which is far below any sensible reserve.
 * Near the reserve (less than the reserve again, plus one such interval, above it) it is asked on
 * every append: other writers on the same file system (layer unpacks, container writes) can take
 * the rest between two checks. Far from it, it is also asked when {@link #CHECK_EVERY_NANOS} have
 * passed since the last check: other writers can take any amount of space, not only the journal's
 * megabyte, between two appends (a full disk found an hour after the last check tore a frame).
 */
final class FreeSpaceGuard {

    static final long CHECK_EVERY_BYTES = 1L << 20;

    /** At most this long between two checks, however few bytes were appended (a statfs each 10 ms at most). */
    static final long CHECK_EVERY_NANOS = 10_000_000L;

    /** Usable bytes on the journal's file system. */
    @FunctionalInterface
    interface SpaceProbe {
        long usable() throws IOException;
    }

    private final Path dir;
    private final SpaceProbe probe;
    private final long reserve;
    private final long near;
    private final java.util.function.LongSupplier clock;
    private long bytesSinceCheck = CHECK_EVERY_BYTES; // check before the first append
    private long lastCheckNanos;

    FreeSpaceGuard(Path dir, long reserve) {
        this(dir, reserve, storeOf(dir)::getUsableSpace);
    }

    FreeSpaceGuard(Path dir, long reserve, SpaceProbe probe) {
        this(dir, reserve, probe, System::nanoTime);
    }

    FreeSpaceGuard(Path dir, long reserve, SpaceProbe probe, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.dir = dir;
        this.reserve = reserve;
        this.probe = probe;
        this.near = 2 * reserve + CHECK_EVERY_BYTES;
    }

    private static FileStore storeOf(Path dir) {
        try {
            return Files.getFileStore(dir);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot find its file system", e);
        }
    }

    /** Called before writing a frame of {@code frameBytes}; throws when it must not be written. */
    void beforeAppend(int frameBytes) {
        bytesSinceCheck += frameBytes;
        long now = clock.getAsLong();
        if (bytesSinceCheck < CHECK_EVERY_BYTES && now - lastCheckNanos < CHECK_EVERY_NANOS) {
            return;
        }
        lastCheckNanos = now;
        long usable;
        try {
            usable = probe.usable();
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot read free space", e);
        }
        long after = usable - frameBytes;
        if (after < reserve) {
            // bytesSinceCheck stays high, so the next append checks again.
            throw new JournalFullException("journal " + dir + ": no space left on device: " + usable
                    + " bytes usable on its file system, below the reserve of " + reserve
                    + " bytes kept so that an append never tears; free space and retry");
        }
        bytesSinceCheck = after < near ? CHECK_EVERY_BYTES : 0;
    }
}
