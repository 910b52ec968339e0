package io.cairn.engine.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes threads that wait for the index to change: the pipeline signals once per indexed batch,
 * after the batch is written (so a reader woken by it sees the batch) and before the callers'
 * futures complete. A waiter takes {@link #version()} before it reads the state it waits on, then
 * {@link #await}s past that version: a batch indexed between the read and the wait is never missed.
 *
 * <p>The pipeline pays one atomic increment per batch and takes the lock only when someone waits
 * (the same handshake as the journal's append signal).
 */
public final class IndexSignal {

    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** The version to pass to {@link #await} after reading the state. */
    public long version() {
        return version.get();
    }

    /** Called by the pipeline after each batch it indexed. */
    void signal() {
        version.incrementAndGet();
        if (waiters.get() > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until a batch is indexed after {@code seen} was taken, or {@code nanos} elapse.
     *
     * @return the nanoseconds left (0 when the time ran out)
     * @throws InterruptedException when the waiting thread is interrupted (a client went away)
     */
    public long await(long seen, long nanos) throws InterruptedException {
        lock.lock();
        waiters.incrementAndGet();
        try {
            long left = nanos;
            while (version.get() == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
            return Math.max(0, left);
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }
}
