package io.cairn.journal;

import java.io.Closeable;
import java.util.Optional;

/** A reader that follows a {@link Journal}; not thread-safe. */
public interface JournalCursor extends Closeable {

    /**
     * The next entry, waiting up to {@code timeoutMillis} for one to be appended. Waiting costs
     * no CPU. A torn entry whose index the next append reused is skipped, never returned.
     *
     * @return the entry, or empty when none arrived in time
     * @throws JournalDamagedException when the next index is missing or unreadable (the cursor
     *                                 never skips to a later entry)
     * @throws JournalException      when the journal was closed
     * @throws IllegalStateException when this cursor was closed
     */
    Optional<JournalEntry> next(long timeoutMillis) throws InterruptedException;

    @Override
    void close();
}
