package io.cairn.journal;

import java.io.Closeable;
import java.util.Optional;

/** A reader that follows a {@link Journal}; not thread-safe. */
public interface JournalCursor extends Closeable {

    /**
     * The next entry, waiting up to {@code timeoutMillis} for one to be appended.
     *
     * @return the entry, or empty when none arrived in time
     */
    Optional<JournalEntry> next(long timeoutMillis) throws InterruptedException;

    @Override
    void close();
}
