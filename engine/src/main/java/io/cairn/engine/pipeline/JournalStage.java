package io.cairn.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.journal.Journal;

/**
 * Stage 2: appends each decided event to the journal and flushes once per batch, before the index
 * stage writes the batch (it runs after this one on the same thread). A failed append or flush halts the pipeline: the decide stage has already
 * projected later commands on top of the lost events, so nothing after it can be trusted until a
 * restart recovers from the journal.
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
                try {
                    for (Event event : slot.events()) {
                        slot.lastIndex = journal.append(EventTypes.nameOf(event), EventTypes.VERSION,
                                slot.timeNanos, slot.uid, codec.encode(event));
                    }
                } catch (RuntimeException e) {
                    slot.failure = pipeline.halt("journal append failed", e);
                }
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
}
