package io.cairn.engine.recovery;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalEntry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads journal entries from {@code from} to the end and decodes their events on a thread of its
 * own, handing them to the replaying thread in order, in chunks: reading and JSON decoding are a
 * third of a replay's work, and the replaying thread's projection and index writes the rest, so on
 * two cores they overlap. Decoding is a pure function of the entry, so the events are the same as
 * when decoded inline.
 *
 * <p>Failures come back in order: an entry that cannot be decoded is handed over with its failure
 * (and nothing after it is read); a failure of the journal itself ({@code JournalDamagedException})
 * is rethrown by {@link #next} after every entry before it was handed over. {@link #close} stops
 * the thread and waits for it, so no read of the journal outlives the replay.
 */
final class DecodeAhead implements AutoCloseable {

    /** Entries per hand-over; {@value #CHUNKS} of them are in flight at most. */
    static final int CHUNK = 1024;
    private static final int CHUNKS = 8;
    private static final long POLL_MILLIS = 10;

    /** A run of consecutive entries with, for each, its event or the failure to decode it. */
    static final class Chunk {
        final JournalEntry[] entries = new JournalEntry[CHUNK];
        final Event[] events = new Event[CHUNK];
        final RuntimeException[] failures = new RuntimeException[CHUNK];
        int size;
        /** The last chunk: the journal ended, a decode failed, or reading failed with {@link #readFailure}. */
        boolean last;
        Throwable readFailure;

        private void clear() {
            java.util.Arrays.fill(entries, 0, size, null);
            java.util.Arrays.fill(events, 0, size, null);
            java.util.Arrays.fill(failures, 0, size, null);
            size = 0;
        }
    }

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean cancelled;
    private boolean ended;

    private DecodeAhead(Journal journal, long from, EventCodec codec) {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk());
        }
        thread = new Thread(() -> read(journal, from, codec), "cairn-replay-decode");
        thread.setDaemon(true);
    }

    /** Starts reading and decoding {@code from} the given index. */
    static DecodeAhead start(Journal journal, long from, EventCodec codec) {
        DecodeAhead ahead = new DecodeAhead(journal, from, codec);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The next chunk, or {@code null} after the last one; give it back with {@link #recycle}.
     *
     * @throws RuntimeException (or {@link Error}) that reading the journal failed with, once every
     *                          entry before the failure has been handed over
     */
    Chunk next() {
        if (ended) {
            return null;
        }
        Chunk chunk;
        try {
            chunk = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("interrupted while replaying the journal");
        }
        if (chunk.last) {
            ended = true;
        }
        return chunk;
    }

    /** Returns a chunk whose entries have been applied; rethrows the read failure of a last chunk. */
    void recycle(Chunk chunk) {
        Throwable failure = chunk.readFailure;
        chunk.readFailure = null;
        chunk.last = false;
        chunk.clear();
        free.offer(chunk);
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void read(Journal journal, long from, EventCodec codec) {
        Chunk[] current = {takeFree()};
        if (current[0] == null) {
            return;
        }
        try {
            journal.replay(from, Long.MAX_VALUE, entry -> {
                Chunk c = current[0];
                int i = c.size++;
                c.entries[i] = entry;
                try {
                    c.events[i] = codec.decode(entry.type(), entry.schemaVersion(), entry.payload());
                } catch (RuntimeException e) {
                    c.failures[i] = e;
                    return false; // the replay stops at this entry: read no further
                }
                if (c.size == CHUNK) {
                    if (!hand(c)) {
                        return false;
                    }
                    current[0] = takeFree();
                    return current[0] != null;
                }
                return true;
            });
        } catch (Throwable t) {
            if (current[0] == null) {
                return; // cancelled
            }
            current[0].readFailure = t;
        }
        if (current[0] != null) {
            current[0].last = true;
            hand(current[0]);
        }
    }

    /** Queues a chunk for the replaying thread; false when cancelled. */
    private boolean hand(Chunk chunk) {
        try {
            while (!full.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A chunk to fill, or {@code null} when cancelled. */
    private Chunk takeFree() {
        try {
            Chunk chunk;
            while ((chunk = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (cancelled) {
                    return null;
                }
            }
            return chunk;
        } catch (InterruptedException e) {
            return null;
        }
    }

    /** Stops the reading thread (if still running) and waits for it. */
    @Override
    public void close() {
        cancelled = true;
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the journal must not be read after the replay returns: wait on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
