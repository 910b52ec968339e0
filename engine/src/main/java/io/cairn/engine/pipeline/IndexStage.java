package io.cairn.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.cairn.api.EngineFailureException;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 3: writes the changes of a whole Disruptor batch in one atomic index batch that also records
 * the last journal index applied, then releases the overlay and completes the callers' futures (or
 * hands their effects to the effect executor).
 */
final class IndexStage implements EventHandler<Slot> {

    private record Done(Slot.Write[] writes, CompletableFuture<Object> future, Object result, Effect effect,
                        RuntimeException failure) {
    }

    private final IndexStore store;
    private final EffectExecutor effects;
    private final Pipeline pipeline;
    private final IndexBatch batch = new IndexBatch();
    private final List<Done> done = new ArrayList<>();
    private long lastIndex;

    IndexStage(IndexStore store, EffectExecutor effects, Pipeline pipeline) {
        this.store = store;
        this.effects = effects;
        this.pipeline = pipeline;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
        if (slot.failure == null) {
            for (Slot.Write w : slot.writes) {
                byte[] key = w.key().getBytes(StandardCharsets.UTF_8);
                if (w.value() == null) {
                    batch.delete(w.family(), key);
                } else {
                    batch.put(w.family(), key, w.value());
                }
            }
            lastIndex = Math.max(lastIndex, slot.lastIndex);
            done.add(new Done(slot.writes.toArray(Slot.Write[]::new), slot.future, slot.decision.result(),
                    slot.decision.effect(), null));
        } else {
            done.add(new Done(new Slot.Write[0], slot.future, null, null, slot.failure));
        }
        if (endOfBatch) {
            flush();
        }
    }

    /**
     * Fails every caller still waiting in this batch with {@code cause}, writing nothing: after a
     * fatal error nothing more is acknowledged. What was journaled is applied by the next start.
     */
    void abandonBatch(RuntimeException cause) {
        for (Done d : done) {
            for (Slot.Write w : d.writes) {
                pipeline.overlay().release(w.family(), w.key(), w.pending());
            }
            d.future.completeExceptionally(d.failure != null ? d.failure : cause);
        }
        done.clear();
        batch.clear();
        lastIndex = 0;
    }

    private void flush() {
        RuntimeException halted = pipeline.haltCause();
        if (halted != null) {
            // the journal stage skipped the batch's flush: acknowledging it would break SYNC's promise
            abandonBatch(new EngineFailureException(halted.getMessage() + " (this operation may have been journaled:"
                    + " the restart applies it if so)", halted));
            return;
        }
        RuntimeException failure = null;
        if (lastIndex > 0) {
            try {
                store.write(batch.lastApplied(lastIndex));
            } catch (RuntimeException e) {
                failure = pipeline.halt("index write failed", e);
                failure = new EngineFailureException("the operation is journaled but could not be indexed ("
                        + e.getMessage() + "); it is applied when the daemon restarts", e);
            }
        }
        pipeline.indexed().signal();
        for (Done d : done) {
            for (Slot.Write w : d.writes) {
                pipeline.overlay().release(w.family(), w.key(), w.pending());
            }
            if (d.failure != null) {
                d.future.completeExceptionally(d.failure);
            } else if (failure != null) {
                d.future.completeExceptionally(failure);
            } else if (d.effect != null) {
                effects.run(d.effect).whenComplete((ok, error) -> {
                    if (error == null) {
                        d.future.complete(d.result);
                    } else {
                        d.future.completeExceptionally(EffectExecutor.describe(d.effect, error));
                    }
                });
            } else {
                d.future.complete(d.result);
            }
        }
        done.clear();
        batch.clear();
        lastIndex = 0;
    }
}
