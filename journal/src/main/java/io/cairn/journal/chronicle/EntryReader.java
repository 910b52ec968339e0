package io.cairn.journal.chronicle;

import io.cairn.journal.JournalDamagedException;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.frame.DecodedFrame;
import io.cairn.journal.frame.EntryFrame;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads frames through one Chronicle tailer and hands back only whole, checksummed entries in
 * increasing index order. Not thread-safe: each replay and each cursor has its own.
 *
 * <p>Fails closed: a corrupt frame is stepped over only when the next readable entry continues the
 * sequence (a torn write whose index the next append reused, see {@link JournalVerifier}); when it
 * does not, or when indices jump or go backwards, {@link #next} throws
 * {@link JournalDamagedException} naming the first missing index instead of skipping to the next
 * readable entry. Corrupt frames with nothing readable after them are a torn tail: they are waited
 * on, as the end of the journal.
 */
final class EntryReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private byte[] buffer = new byte[256];
    private JournalEntry pushedBack;
    private long lastReturned;
    /** Index of the last readable entry read since positioning (returned or not), 0 for none. */
    private long lastSeen;
    private long framesRead;

    EntryReader(ExcerptTailer tailer) {
        this.tailer = tailer;
        tailer.singleThreadedCheckDisabled(true);
    }

    ExcerptTailer tailer() {
        return tailer;
    }

    /** Frames read so far, valid or not: what a seek cost. */
    long framesRead() {
        return framesRead;
    }

    /** The next frame whatever its state, or {@code null} when none is committed yet. */
    Frame nextFrame() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            framesRead++;
            Bytes<?> bytes = dc.wire().bytes();
            int length = (int) bytes.readRemaining();
            if (length > buffer.length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            bytes.read(buffer, 0, length);
            return new Frame(dc.index(), EntryFrame.decode(buffer, length));
        }
    }

    /**
     * The next readable entry with an index of at least {@code from} and above every entry already
     * returned, or {@code null} when none is committed yet.
     *
     * @throws JournalDamagedException when the entries read do not follow each other, or the first
     *                                 one read after positioning lies beyond {@code from}
     */
    JournalEntry next(long from) {
        if (pushedBack != null) {
            JournalEntry entry = pushedBack;
            pushedBack = null;
            checkContinues(entry, from, -1);
            if (entry.index() >= from && entry.index() > lastReturned) {
                lastReturned = entry.index();
                return entry;
            }
        }
        Frame frame;
        while ((frame = nextFrame()) != null) {
            if (frame.decoded() instanceof DecodedFrame.Valid valid) {
                JournalEntry entry = valid.entry();
                checkContinues(entry, from, frame.chronicleIndex());
                if (entry.index() >= from && entry.index() > lastReturned) {
                    lastReturned = entry.index();
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * Records {@code entry} as read, after checking that it follows the previous one (or, for the
     * first one read, that it does not lie beyond {@code from}: the reader was positioned at or
     * before {@code from}, so a later first entry means the ones in between are missing).
     */
    private void checkContinues(JournalEntry entry, long from, long chronicleIndex) {
        long index = entry.index();
        long expected = lastSeen == 0 ? Math.max(1, from) : lastSeen + 1;
        boolean damaged = lastSeen == 0 ? index > expected : index != expected;
        if (damaged) {
            String where = chronicleIndex < 0 ? "" : " at Chronicle index 0x" + Long.toHexString(chronicleIndex);
            throw new JournalDamagedException(expected, "journal damaged at index " + expected + ": the entry read"
                    + where + " has index " + index + (index > expected
                    ? " (indices " + expected + ".." + (index - 1) + " are missing or unreadable)"
                    : ", not after " + lastSeen)
                    + "; run 'cairn journal verify' for details and 'cairn journal repair' to cut the journal back");
        }
        lastSeen = index;
    }

    /** Forgets what this reader returned, so that it can be positioned anew and reused. */
    void reset() {
        pushedBack = null;
        lastReturned = 0;
        lastSeen = 0;
        framesRead = 0;
    }

    /** Makes {@code entry} the next one {@link #next} returns (used after a seek read it). */
    void pushBack(JournalEntry entry) {
        pushedBack = entry;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
