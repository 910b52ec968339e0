package io.cairn.engine.recovery;

import io.cairn.api.EngineFailureException;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;

/**
 * Writes a replay's batches to the index on a thread of its own, one at a time and in order, while
 * the replaying thread projects the next batch (RocksDB's write of a 16k-entry batch is a quarter
 * of the replaying thread's work). At most one batch is in flight: {@link #submit} waits for the
 * previous one first, so the batches, and their {@code lastApplied} marks, reach the index in
 * journal order. A failed write is rethrown by the next {@link #submit} or {@link #await}.
 */
final class WriteBehind implements AutoCloseable {

    private final IndexStore store;
    private final Thread thread;
    private final Object lock = new Object();
    // guarded by lock
    private IndexBatch queued;
    private boolean writing;
    private RuntimeException failed;
    private boolean closed;

    WriteBehind(IndexStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "cairn-replay-write");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the batch in flight, then hands {@code batch} over; it must not change until {@link #await}. */
    void submit(IndexBatch batch) {
        await();
        synchronized (lock) {
            queued = batch;
            writing = true;
            lock.notifyAll();
        }
    }

    /** Waits until the batch in flight (if any) is written; rethrows its failure. */
    void await() {
        boolean interrupted = false;
        try {
            synchronized (lock) {
                while (writing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the batch is being written: wait for the outcome
                    }
                }
                if (failed != null) {
                    RuntimeException e = failed;
                    failed = null;
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            IndexBatch batch;
            synchronized (lock) {
                while (queued == null && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close ends this thread
                    }
                }
                if (queued == null) {
                    return;
                }
                batch = queued;
                queued = null;
            }
            RuntimeException failure = null;
            try {
                store.write(batch);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new EngineFailureException("index write failed during the replay: " + e, e);
            }
            synchronized (lock) {
                failed = failure;
                writing = false;
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits for the batch in flight and ends the thread. A failure of that batch is dropped here:
     * the caller either awaited it already or is failing for another reason.
     */
    @Override
    public void close() {
        try {
            await();
        } catch (RuntimeException ignored) {
            // reported by the await of a replay that did not fail first
        }
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
