package io.cairn.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.journal.Journal;
import io.cairn.storage.index.IndexStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The write path of DESIGN.md: commands go through a Disruptor ring, decide → journal → index, and the
 * caller's future completes once its events are indexed and its effect (if any) has run.
 *
 * <p>The three stages run in order on the ring's one consumer thread ({@link SerialStages}), which
 * is the only writer of decisions, so commands need no locks. Thread-safe for submitters. A journal or index failure, or
 * any error the stages do not expect ({@link #fatal}), halts the pipeline: every later command fails
 * with the cause until the daemon restarts and recovers from the journal.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final Overlay overlay = new Overlay();
    private final EffectExecutor effects;
    private final IndexSignal indexed = new IndexSignal();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile RuntimeException halted;
    private final AtomicReference<Consumer<Throwable>> onFatal = new AtomicReference<>();
    private volatile Throwable fatal;

    public Pipeline(Journal journal, IndexStore store, EventCodec codec, Projector projector,
                    EffectExecutor effects, int ringSize) {
        this(journal, store, codec, projector, effects, ringSize, 0);
    }

    /**
     * A pipeline whose batches (one journal flush, one index write each) hold at most
     * {@code batchLimit} commands; 0: as many as the ring holds ({@link PipelineSettings}).
     */
    public Pipeline(Journal journal, IndexStore store, EventCodec codec, Projector projector,
                    EffectExecutor effects, int ringSize, int batchLimit) {
        this.effects = effects;
        this.disruptor = new Disruptor<>(Slot::new, ringSize, r -> {
            Thread t = new Thread(r, "cairn-pipeline");
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, new BlockingWaitStrategy());
        SerialStages stages = new SerialStages(this, new IndexStage(store, effects, this),
                new DecideStage(new LayeredReader(store, overlay), overlay, projector, this),
                new JournalStage(journal, codec, this));
        // the processor's batch limit sets endOfBatch, where the journal flushes and the index writes
        int limit = batchLimit == 0 ? Integer.MAX_VALUE : batchLimit;
        disruptor.handleEventsWith(new BatchLimited(stages, limit));
        this.ring = disruptor.start();
    }

    /** Builds the one consumer with Disruptor's batch limit (the DSL's plain handler has none). */
    private record BatchLimited(SerialStages stages, int limit) implements com.lmax.disruptor.dsl.EventProcessorFactory<Slot> {
        @Override
        public com.lmax.disruptor.EventProcessor createEventProcessor(RingBuffer<Slot> ring,
                                                                       com.lmax.disruptor.Sequence[] barrier) {
            return new com.lmax.disruptor.BatchEventProcessorBuilder().setMaxBatchSize(limit)
                    .build(ring, ring.newBarrier(barrier), stages);
        }
    }

    /**
     * Submits a command on behalf of the client {@code uid}.
     *
     * @return completes with the command's result once indexed (and its effect done), or with the
     *         {@link CairnException} that rejected it
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> submit(Command<R> command, int uid) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        gate.readLock().lock();
        try {
            inFlight.incrementAndGet();
            future.whenComplete((r, e) -> {
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (inFlight) {
                        inFlight.notifyAll(); // a quiesce may wait for the last one
                    }
                }
            });
            ring.publishEvent((slot, seq, c, f, u) -> slot.reset(c, u, f), command, future, uid);
        } finally {
            gate.readLock().unlock();
        }
        return (CompletableFuture<R>) future;
    }

    /** Submits and waits, unwrapping the failure into the {@link CairnException} it carries. */
    public <R> R execute(Command<R> command, int uid) {
        try {
            return submit(command, uid).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("interrupted while waiting for " + command.getClass().getSimpleName());
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * Runs {@code action} with no command in flight and none admitted until it returns (a rebuild
     * swaps the index under the pipeline's feet).
     */
    public <T> T quiesce(Supplier<T> action) {
        gate.writeLock().lock();
        try {
            awaitNoneInFlight();
            return action.get();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Waits, with no new command admitted, for the last command in flight to complete. */
    private void awaitNoneInFlight() {
        boolean interrupted = false;
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                try {
                    inFlight.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the swap must not start under a command in flight: wait on
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Overlay overlay() {
        return overlay;
    }

    /** Signals every batch the pipeline indexes: what a wait for a state change waits on. */
    public IndexSignal indexed() {
        return indexed;
    }

    RuntimeException haltCause() {
        return halted;
    }

    /** Halts the pipeline for good and returns the error every later command receives. */
    RuntimeException halt(String what, Throwable cause) {
        RuntimeException e = new EngineFailureException("engine halted: " + what + ": " + cause.getMessage()
                + "; restart the daemon to recover from the journal", cause);
        if (halted == null) {
            halted = e;
        }
        return halted;
    }

    /**
     * Called on the pipeline thread for anything a stage did not handle (an {@link Error}, an
     * unexpected exception): halts the pipeline, logs the reason and hands it to the
     * {@link #onFatal} handler on a thread of its own (the handler may stop the process, whose
     * shutdown waits for this thread to fail the commands still queued). Never throws.
     */
    RuntimeException fatal(Throwable t) {
        RuntimeException e = halt("the pipeline thread failed with " + t.getClass().getName(), t);
        if (fatal == null) {
            fatal = t;
            try {
                LOG.log(Level.SEVERE, "engine halted: the pipeline thread failed; every later command fails until a restart"
                        + " recovers from the journal", t);
            } catch (Throwable ignored) {
                // logging may fail for the reason we are here (no memory): the handler still runs
            }
            notifyFatal();
        }
        return e;
    }

    /**
     * Sets what happens after a fatal error of the pipeline thread (the daemon exits non-zero); if
     * one happened already, {@code handler} runs at once.
     */
    public void onFatal(Consumer<Throwable> handler) {
        onFatal.set(handler);
        if (fatal != null) {
            notifyFatal();
        }
    }

    private void notifyFatal() {
        Consumer<Throwable> handler = onFatal.getAndSet(null);
        if (handler != null) {
            Throwable reason = fatal;
            Thread t = new Thread(() -> handler.accept(reason), "cairn-fatal");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Non-null when the pipeline has halted. */
    public RuntimeException haltedBy() {
        return halted;
    }

    static CairnException unwrap(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CairnException c) {
            return c;
        }
        return new EngineFailureException(String.valueOf(cause.getMessage()), cause);
    }

    /** Stops accepting commands, drains the ring and the effects. */
    @Override
    public void close() {
        quiesce(() -> {
            disruptor.shutdown();
            return null;
        });
        effects.close();
    }
}
