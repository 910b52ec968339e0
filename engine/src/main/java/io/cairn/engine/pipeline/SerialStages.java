package io.cairn.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Runs the stages one after the other on the ring's single consumer thread. On 2 cores, three
 * consumer threads spent most of their time spinning on each other (Disruptor's blocking strategy
 * spins while it waits for an upstream stage); one thread keeps the batching (a journal flush and
 * one index write per batch) without the hand-offs. See docs/BENCHMARKS.md.
 */
final class SerialStages implements EventHandler<Slot> {

    private final EventHandler<Slot>[] stages;

    @SafeVarargs
    SerialStages(EventHandler<Slot>... stages) {
        this.stages = stages;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) throws Exception {
        for (EventHandler<Slot> stage : stages) {
            stage.onEvent(slot, sequence, endOfBatch);
        }
    }
}
