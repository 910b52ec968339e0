package io.cairn.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalFullException;

/**
 * Stage 2: appends each decided event to the journal and flushes once per batch, before the index
 * stage writes the batch (it runs after this one on the same thread).
 *
 * <p>A journal refusing a decision's first event for lack of space ({@link JournalFullException}:
 * nothing was written) fails that command only: its overlay writes are released at once, before
 * the next decision reads them, and the engine goes on (Docker's "no space left on device"). Any
 * other failed append or flush, or a refusal after part of a decision was appended, halts the
 * pipeline: the journal then holds something the index cannot follow, so nothing after it can be
 * trusted until a restart recovers from the journal.
 */
final class JournalStage implements EventHandler<Slot> {

    private final Journal journal;
    private final EventCodec codec;
    private final Pipeline pipeline;

    JournalStage(Journal journal, EventCodec codec, Pipeline pipeline) {
        this.journal = journal;
        this.codec = codec;
        this.pipeline = pipeline;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
        if (slot.failure == null) {
            RuntimeException halt = pipeline.haltCause();
            if (halt != null) {
                slot.failure = halt;
            } else {
                append(slot);
            }
        }
        if (endOfBatch && pipeline.haltCause() == null) {
            try {
                journal.flush();
            } catch (RuntimeException e) {
                pipeline.halt("journal flush failed", e);
            }
        }
    }

    private void append(Slot slot) {
        int appended = 0;
        String type = "";
        try {
            for (Event event : slot.events()) {
                type = EventTypes.nameOf(event);
                slot.lastIndex = journal.append(type, EventTypes.versionOf(type), slot.timeNanos, slot.uid, codec.encode(event));
                appended++;
            }
        } catch (JournalFullException e) {
            if (appended > 0) {
                slot.failure = pipeline.halt("journal append failed after " + appended + " event(s) of a decision", e);
                return;
            }
            for (Slot.Write w : slot.writes) {
                pipeline.overlay().release(w.family(), w.key(), w.pending());
            }
            slot.writes.clear();
            slot.failure = new EngineFailureException(type + " refused: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            slot.failure = pipeline.halt("journal append failed", e);
        }
    }
}
