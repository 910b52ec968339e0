package io.cairn.engine.recovery;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalEntry;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;
import java.nio.charset.StandardCharsets;

/**
 * Applies journal entries to an index through the index stage's logic only: the same
 * {@link Projector} as the live pipeline, no decisions, no effects. Writes in large atomic batches,
 * each recording the last index it covers, so an interrupted replay resumes where it stopped.
 *
 * <p>A long replay (a rebuild, a start on a lost index) reads and decodes entries on a thread of
 * its own ({@link DecodeAhead}) and writes each batch on another ({@link WriteBehind}) while this
 * one projects the next; a short one (the catch-up at a normal start) does it all inline. The
 * result is the same either way.
 */
public final class Replayer {

    private static final int BATCH = 16_384;
    /** Entries from which reading and decoding move to a thread of their own. */
    static final long DECODE_AHEAD_FROM = 4 * DecodeAhead.CHUNK;

    private final EventCodec codec;
    private final Projector projector;

    public Replayer(EventCodec codec, Projector projector) {
        this.codec = codec;
        this.projector = projector;
    }

    /**
     * Replays entries from {@code from} to the journal's end into {@code store}.
     *
     * @return the number of entries applied
     * @throws EngineFailureException naming the entry when one cannot be decoded or projected
     */
    public long replay(Journal journal, IndexStore store, long from) {
        if (journal.lastIndex() - Math.max(1, from) + 1 < DECODE_AHEAD_FROM) {
            Applier applier = new Applier(store, null);
            journal.replay(from, Long.MAX_VALUE, entry -> {
                Event event;
                try {
                    event = codec.decode(entry.type(), entry.schemaVersion(), entry.payload());
                } catch (RuntimeException e) {
                    throw failure(entry, e);
                }
                applier.apply(entry, event);
                return true;
            });
            applier.finish();
            return applier.applied;
        }
        try (DecodeAhead ahead = DecodeAhead.start(journal, from, codec);
                WriteBehind behind = new WriteBehind(store)) {
            Applier applier = new Applier(store, behind);
            DecodeAhead.Chunk chunk;
            while ((chunk = ahead.next()) != null) {
                for (int i = 0; i < chunk.size; i++) {
                    if (chunk.failures[i] != null) {
                        throw failure(chunk.entries[i], chunk.failures[i]);
                    }
                    applier.apply(chunk.entries[i], chunk.events[i]);
                }
                ahead.recycle(chunk);
            }
            applier.finish();
            return applier.applied;
        }
    }

    private static EngineFailureException failure(JournalEntry entry, RuntimeException e) {
        return new EngineFailureException("cannot replay journal entry " + entry.index() + " (" + entry.type()
                + "): " + e.getMessage(), e);
    }

    /**
     * Projects decoded entries into batches of {@value #BATCH}, read back through an overlay until
     * written. With a {@link WriteBehind}, a batch is written while the next one is projected, and
     * reads go through the overlay of the batch being projected, then that of the batch in flight.
     */
    private final class Applier implements StateWriter, StateReader {
        private final IndexStore store;
        private final WriteBehind behind;
        private Overlay overlay = new Overlay();
        /** The batch in flight's writes (write-behind only); in the index once {@link WriteBehind#await} returns. */
        private Overlay inFlight = new Overlay();
        private IndexBatch batch = new IndexBatch();
        private IndexBatch spare = new IndexBatch();
        private long applied;
        private int pending;

        /** @param behind where batches are written, or null to write them on this thread */
        Applier(IndexStore store, WriteBehind behind) {
            this.store = store;
            this.behind = behind;
        }

        @Override
        public void put(String family, String key, byte[] value) {
            overlay.add(family, key, value);
            batch.put(family, key.getBytes(StandardCharsets.UTF_8), value);
        }

        @Override
        public void delete(String family, String key) {
            overlay.add(family, key, null);
            batch.delete(family, key.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] get(String family, String key) {
            Overlay.Pending pending = overlay.lookup(family, key);
            if (pending == null) {
                pending = inFlight.lookup(family, key);
            }
            return pending != null ? pending.value() : store.get(family, key.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void scan(String family, String prefix, Visitor visitor) {
            settle(); // one overlay over the index, as the pipeline reads
            new LayeredReader(store, overlay).scan(family, prefix, visitor);
        }

        void apply(JournalEntry entry, Event event) {
            try {
                projector.apply(event, new EventContext(entry.timeNanos(), entry.uid()), this, this);
            } catch (RuntimeException e) {
                throw failure(entry, e);
            }
            batch.lastApplied(entry.index());
            applied++;
            if (++pending == BATCH) {
                if (behind == null) {
                    store.write(batch);
                    batch.clear();
                    overlay.clear();
                } else {
                    settle();
                    behind.submit(batch);
                    IndexBatch written = spare;
                    spare = batch;
                    batch = written;
                    Overlay cleared = inFlight;
                    inFlight = overlay;
                    overlay = cleared;
                }
                pending = 0;
            }
        }

        /** Waits for the batch in flight, which then is in the index, and drops its overlay and batch. */
        private void settle() {
            if (behind != null) {
                behind.await();
                inFlight.clear();
                spare.clear();
            }
        }

        void finish() {
            settle();
            if (!batch.isEmpty()) {
                store.write(batch);
            }
        }
    }
}
