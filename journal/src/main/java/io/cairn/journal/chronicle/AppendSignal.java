package io.cairn.journal.chronicle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle cursors when the writer appends, so that following the journal costs no CPU while
 * nothing happens and no latency when something does.
 *
 * <p>The writer pays one atomic increment and one volatile read per append; it takes the lock
 * only when a cursor is actually waiting. A waiter registers, then re-checks the version it saw
 * before its last read; the writer bumps the version, then checks for waiters. With both sides
 * using volatile accesses, at least one of them sees the other, so no wake-up is lost.
 */
final class AppendSignal {

    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();

    /** The version to pass to {@link #await} after a read that found nothing. */
    long version() {
        return version.get();
    }

    /** Whether a cursor is parked in {@link #await}. */
    boolean hasWaiters() {
        return waiters.get() > 0;
    }

    /** Called by the writer after each append (and on close). */
    void signal() {
        version.incrementAndGet();
        if (waiters.get() > 0) {
            lock.lock();
            try {
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until the version moves past {@code seen} or {@code nanos} elapse.
     *
     * @return the nanoseconds left
     */
    long await(long seen, long nanos) throws InterruptedException {
        lock.lock();
        waiters.incrementAndGet();
        try {
            long left = nanos;
            while (version.get() == seen && left > 0) {
                left = appended.awaitNanos(left);
            }
            return Math.max(0, left);
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }

    static long millisToNanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }
}
