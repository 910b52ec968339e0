package io.cairn.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends a read that waits too long for a registry's next bytes. The JDK's HTTP client bounds the wait
 * for headers but not the gaps in a body, so a registry dripping one byte a minute would hold a pull
 * forever: each read of a watched stream is timed, and one blocked past the limit has its thread
 * interrupted (the client's body stream wakes on an interrupt) and fails with {@link TimedOut}.
 */
final class IdleWatch {

    /** A read that got no byte within the limit. */
    static final class TimedOut extends InterruptedIOException {
        TimedOut(String message) {
            super(message);
        }
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-registry-idle");
        t.setDaemon(true);
        return t;
    });

    private static final Set<Watched> ACTIVE = ConcurrentHashMap.newKeySet();

    static {
        TIMER.scheduleWithFixedDelay(IdleWatch::check, 100, 100, TimeUnit.MILLISECONDS);
    }

    private IdleWatch() {
    }

    /** {@code in}, each read of which fails with {@link TimedOut} after {@code idle} without a byte. */
    static InputStream watch(InputStream in, Duration idle, String what) {
        return new Watched(in, idle.toNanos(), what);
    }

    private static void check() {
        long now = System.nanoTime();
        for (Watched w : ACTIVE) {
            w.expireIfDue(now);
        }
    }

    private static final class Watched extends FilterInputStream {
        private final long limit;
        private final String what;
        private volatile Thread reader;
        private volatile long since;
        private volatile boolean expired;

        Watched(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        synchronized void expireIfDue(long now) {
            Thread t = reader;
            if (t != null && now - since > limit) {
                expired = true;
                t.interrupt();
            }
        }

        private void begin() {
            since = System.nanoTime();
            reader = Thread.currentThread();
            ACTIVE.add(this);
        }

        private void end() throws IOException {
            synchronized (this) {
                reader = null;
            }
            ACTIVE.remove(this);
            if (expired) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
                throw new TimedOut(what + ": no data for " + limit / 1_000_000_000.0 + " s");
            }
        }

        @Override
        public int read() throws IOException {
            begin();
            try {
                return super.read();
            } finally {
                end();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            begin();
            try {
                return super.read(b, off, len);
            } finally {
                end();
            }
        }
    }
}
