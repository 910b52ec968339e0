package io.cairn.journal.chronicle;

import io.cairn.journal.JournalEntry;
import io.cairn.journal.frame.DecodedFrame;
import io.cairn.journal.frame.EntryFrame;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads frames through one Chronicle tailer and hands back only whole, checksummed entries in
 * increasing index order. Not thread-safe: each replay and each cursor has its own.
 */
final class EntryReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private byte[] buffer = new byte[256];
    private JournalEntry pushedBack;
    private long lastReturned;
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
     * returned, or {@code null} when none is committed yet. Corrupt frames are stepped over.
     */
    JournalEntry next(long from) {
        if (pushedBack != null) {
            JournalEntry entry = pushedBack;
            pushedBack = null;
            if (entry.index() >= from && entry.index() > lastReturned) {
                lastReturned = entry.index();
                return entry;
            }
        }
        Frame frame;
        while ((frame = nextFrame()) != null) {
            if (frame.decoded() instanceof DecodedFrame.Valid valid) {
                JournalEntry entry = valid.entry();
                if (entry.index() >= from && entry.index() > lastReturned) {
                    lastReturned = entry.index();
                    return entry;
                }
            }
        }
        return null;
    }

    /** Forgets what this reader returned, so that it can be positioned anew and reused. */
    void reset() {
        pushedBack = null;
        lastReturned = 0;
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
