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
 * of raising an IOException.
 *
 * <p>Asking the file system ({@code statfs}) costs microseconds, so it is asked once per
 * {@link #CHECK_EVERY_BYTES} of frames, which is far below any sensible reserve, and on every
 * append while space is short.
 */
final class FreeSpaceGuard {

    static final long CHECK_EVERY_BYTES = 1L << 20;

    private final Path dir;
    private final FileStore store;
    private final long reserve;
    private long bytesSinceCheck = CHECK_EVERY_BYTES; // check before the first append

    FreeSpaceGuard(Path dir, long reserve) {
        this.dir = dir;
        this.reserve = reserve;
        try {
            this.store = Files.getFileStore(dir);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot find its file system", e);
        }
    }

    /** Called before writing a frame of {@code frameBytes}. */
    void beforeAppend(int frameBytes) {
        bytesSinceCheck += frameBytes;
        if (bytesSinceCheck < CHECK_EVERY_BYTES) {
            return;
        }
        long usable;
        try {
            usable = store.getUsableSpace();
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot read free space", e);
        }
        if (usable - frameBytes < reserve) {
            // bytesSinceCheck stays high, so the next append checks again.
            throw new JournalFullException("journal " + dir + ": " + usable + " bytes usable on its file system, "
                    + "below the reserve of " + reserve + " bytes; free space before appending");
        }
        bytesSinceCheck = 0;
    }
}
