package io.cairn.engine.pipeline;

import com.lmax.disruptor.AggregateEventHandler;
import com.lmax.disruptor.EventHandler;

/**
 * Runs the stages one after the other on the ring's single consumer thread: the Disruptor's own
 * {@link AggregateEventHandler} calls them in order, and this class is the fault barrier around it.
 * On 2 cores, three consumer threads spent most of their time spinning on each other (Disruptor's
 * blocking strategy spins while it waits for an upstream stage); one thread keeps the batching (a
 * journal flush and one index write per batch) without the hand-offs. See docs/BENCHMARKS.md.
 *
 * <p>Nothing escapes {@link #onEvent}: the stages handle the failures they expect, and anything else
 * (an {@link Error} such as {@link OutOfMemoryError}, or the {@link InternalError} the JVM raises
 * for a SIGBUS on a mapped file) halts the pipeline through {@link Pipeline#fatal}. The slot's
 * caller and every caller still waiting in the batch are failed with the reason, and the thread
 * lives on to fail later commands at once: a dead consumer would leave every caller waiting forever.
 * That barrier is what this class adds to the aggregate: a Disruptor {@code ExceptionHandler} hears
 * the failure but not whether the slot ended the batch, which {@link IndexStage#abandonBatch} needs.
 */
final class SerialStages implements EventHandler<Slot> {

    private final Pipeline pipeline;
    private final IndexStage last;
    private final AggregateEventHandler<Slot> stages;

    /** {@code before} run in order, then {@code last}, whose batch is abandoned on a fatal error. */
    @SafeVarargs
    SerialStages(Pipeline pipeline, IndexStage last, EventHandler<Slot>... before) {
        this.pipeline = pipeline;
        this.last = last;
        EventHandler<Slot>[] all = java.util.Arrays.copyOf(before, before.length + 1);
        all[before.length] = last;
        this.stages = new AggregateEventHandler<>(all);
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
        try {
            stages.onEvent(slot, sequence, endOfBatch);
        } catch (Throwable t) {
            RuntimeException halted = pipeline.fatal(t);
            slot.failure = halted;
            slot.future.completeExceptionally(halted);
            if (endOfBatch) {
                last.abandonBatch(halted);
            }
        }
    }
}
