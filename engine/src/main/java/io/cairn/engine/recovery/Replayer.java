package io.cairn.engine.recovery;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
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
 * <p>A long replay (a rebuild, a start on a lost index) reads and decodes entries on a second
 * thread ({@link DecodeAhead}) while this one projects and writes; a short one (the catch-up at a
 * normal start) does it all inline. The result is the same either way.
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
        Applier applier = new Applier(store);
        if (journal.lastIndex() - Math.max(1, from) + 1 < DECODE_AHEAD_FROM) {
            journal.replay(from, Long.MAX_VALUE, entry -> {
                Event event;
                try {
                    event = codec.decode(entry.type(), entry.schemaVersion(), entry.payload());
                } catch (RuntimeException e) {
                    throw applier.failure(entry, e);
                }
                applier.apply(entry, event);
                return true;
            });
        } else {
            try (DecodeAhead ahead = DecodeAhead.start(journal, from, codec)) {
                DecodeAhead.Chunk chunk;
                while ((chunk = ahead.next()) != null) {
                    for (int i = 0; i < chunk.size; i++) {
                        if (chunk.failures[i] != null) {
                            throw applier.failure(chunk.entries[i], chunk.failures[i]);
                        }
                        applier.apply(chunk.entries[i], chunk.events[i]);
                    }
                    ahead.recycle(chunk);
                }
            }
        }
        applier.finish();
        return applier.applied;
    }

    /** Projects decoded entries into batches of {@value #BATCH}, read back through an overlay until written. */
    private final class Applier implements StateWriter {
        private final IndexStore store;
        private final Overlay overlay = new Overlay();
        private final LayeredReader reader;
        private final IndexBatch batch = new IndexBatch();
        private long applied;
        private int pending;

        Applier(IndexStore store) {
            this.store = store;
            this.reader = new LayeredReader(store, overlay);
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

        void apply(JournalEntry entry, Event event) {
            try {
                projector.apply(event, new EventContext(entry.timeNanos(), entry.uid()), reader, this);
            } catch (RuntimeException e) {
                throw failure(entry, e);
            }
            batch.lastApplied(entry.index());
            applied++;
            if (++pending == BATCH) {
                store.write(batch);
                batch.clear();
                overlay.clear();
                pending = 0;
            }
        }

        void finish() {
            if (!batch.isEmpty()) {
                store.write(batch);
            }
        }

        EngineFailureException failure(JournalEntry entry, RuntimeException e) {
            return new EngineFailureException("cannot replay journal entry " + entry.index() + " (" + entry.type()
                    + "): " + e.getMessage(), e);
        }
    }
}
