package io.cairn.journal.chronicle;

import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalEntry;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Follows a {@link ChronicleJournal}. Waiting costs no CPU: the cursor parks on the journal's
 * {@link AppendSignal} and wakes when the writer appends. It also wakes every
 * {@link #RECHECK_NANOS} to notice entries appended by a writer in another process, which the
 * signal cannot report.
 */
final class ChronicleCursor implements JournalCursor {

    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ChronicleJournal journal;
    private final EntryReader reader;
    private final long from;
    private volatile boolean closed;

    ChronicleCursor(ChronicleJournal journal, EntryReader reader, long from) {
        this.journal = journal;
        this.reader = reader;
        this.from = from;
    }

    @Override
    public Optional<JournalEntry> next(long timeoutMillis) throws InterruptedException {
        if (closed) {
            journal.ensureOpen(); // a journal closed under the cursor is the journal's error
            throw new IllegalStateException("cursor on journal " + journal.directory() + " is closed");
        }
        long deadline = System.nanoTime() + AppendSignal.millisToNanos(timeoutMillis);
        AppendSignal signal = journal.signal();
        while (true) {
            long seen = signal.version();
            JournalEntry entry = journal.read(reader, from);
            if (entry != null) {
                return Optional.of(entry);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            signal.await(seen, Math.min(left, RECHECK_NANOS));
        }
    }

    /** Closes the tailer; called by the cursor's owner or, at close, by the journal. */
    void release() {
        if (!closed) {
            closed = true;
            reader.close();
        }
    }

    @Override
    public void close() {
        journal.closeCursor(this);
    }
}
