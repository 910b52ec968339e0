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
 */
public final class Replayer {

    private static final int BATCH = 16_384;

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
        Overlay overlay = new Overlay();
        LayeredReader reader = new LayeredReader(store, overlay);
        IndexBatch batch = new IndexBatch();
        StateWriter writer = new StateWriter() {
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
        };
        long[] state = {0, 0}; // applied, pending in batch
        journal.replay(from, Long.MAX_VALUE, entry -> {
            apply(entry, reader, writer);
            batch.lastApplied(entry.index());
            state[0]++;
            if (++state[1] == BATCH) {
                store.write(batch);
                batch.clear();
                overlay.clear();
                state[1] = 0;
            }
            return true;
        });
        if (!batch.isEmpty()) {
            store.write(batch);
        }
        return state[0];
    }

    private void apply(JournalEntry entry, LayeredReader reader, StateWriter writer) {
        try {
            Event event = codec.decode(entry.type(), entry.schemaVersion(), entry.payload());
            projector.apply(event, new EventContext(entry.timeNanos(), entry.uid()), reader, writer);
        } catch (RuntimeException e) {
            throw new EngineFailureException("cannot replay journal entry " + entry.index() + " (" + entry.type()
                    + "): " + e.getMessage(), e);
        }
    }
}
