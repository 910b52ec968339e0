package io.cairn.engine.http;

import io.cairn.api.UnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Serves the API's followers, the answers that last as long as what they watch ({@code GET /events},
 * {@code logs?follow=1}, {@code wait}) or as the client takes to send its upload ({@code import},
 * {@code load}, a build), on threads of their own and never on Jetty's request threads: idle or
 * stalled followers, however many, cannot starve short requests such as {@code /_ping}.
 *
 * <p>At most {@code max} followers run at once; one more is refused with 503 and a message naming the
 * limit, rather than queued. Each follower's connection is watched ({@link PeerWatch}): when its
 * client closes it, the follower is told at once ({@link Exchange#open()} turns false, and its thread
 * is interrupted if it asked for that), so a vanished client frees its slot without waiting for
 * something to write.
 */
final class Followers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Followers.class.getName());

    private final int max;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
    // at most max threads: each runs one follower and a follower needs a slot first
    private final ExecutorService threads;

    Followers(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the maximum of followers must be at least 1, not " + max);
        }
        this.max = max;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "cairn-follow-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int max() {
        return max;
    }

    /** Followers running now. */
    int active() {
        return active.get();
    }

    /** Followers of one kind running now ({@code events}: Docker's {@code NEventsListener}). */
    int active(String kind) {
        AtomicInteger n = byKind.get(kind);
        return n == null ? 0 : n.get();
    }

    /** See {@link Exchange#follow} and {@link Exchange#upload} ({@code watch} false: the body is still to be read). */
    void start(Exchange x, String kind, boolean interrupt, boolean watch, Route.Handler body) {
        if (active.incrementAndGet() > max) {
            active.decrementAndGet();
            throw new UnavailableException("too many followers: the daemon already serves its maximum of " + max
                    + " concurrent followers (events, logs --follow, wait, and uploads: import, load, build);"
                    + " try again when one ends,"
                    + " or start the daemon with a larger --max-followers");
        }
        AtomicInteger ofKind = byKind.computeIfAbsent(kind, k -> new AtomicInteger());
        ofKind.incrementAndGet();
        Follower follower = new Follower(x, interrupt);
        x.detach(); // before the follower may complete it: the request thread must not complete it too
        try {
            if (watch) {
                // idle is normal for a follower; a write pending that long (a client that stopped reading)
                // is failed by the idle timeout itself, without asking this listener. An upload keeps
                // Jetty's default: a body that stops arriving for the idle timeout fails its read.
                x.request().addIdleTimeoutListener(timeout -> false);
                if (!PeerWatch.watch(x.request(), follower::peerClosed)) {
                    LOG.fine(kind + " follower: the connection is already being read; its close is noticed at a write");
                }
            }
            threads.execute(() -> {
                try {
                    follower.run(body, kind);
                } finally {
                    ofKind.decrementAndGet();
                    active.decrementAndGet();
                    x.completeFollower();
                }
            });
        } catch (RejectedExecutionException e) { // only once closed: the daemon is stopping
            x.attach();
            ofKind.decrementAndGet();
            active.decrementAndGet();
            throw new UnavailableException("the daemon is stopping");
        }
    }

    /**
     * Takes a follower slot for a hijacked stream ({@code attach}, {@code exec start}) before its
     * 101 goes out, so that a daemon at its maximum refuses with 503 instead of upgrading; the
     * stream runs later with {@link #runHijacked}.
     *
     * @return what frees the slot (call it once, if the stream never runs)
     * @throws UnavailableException when the daemon already serves its maximum of followers
     */
    Runnable reserve(String kind) {
        if (active.incrementAndGet() > max) {
            active.decrementAndGet();
            throw new UnavailableException("too many followers: the daemon already serves its maximum of " + max
                    + " concurrent followers (events, logs --follow, wait, attach, exec, and uploads);"
                    + " try again when one ends, or start the daemon with a larger --max-followers");
        }
        AtomicInteger ofKind = byKind.computeIfAbsent(kind, k -> new AtomicInteger());
        ofKind.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean freed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (freed.compareAndSet(false, true)) {
                ofKind.decrementAndGet();
                active.decrementAndGet();
            }
        };
    }

    /** Runs a hijacked stream on a follower thread in the slot {@link #reserve} took, freeing it at the end. */
    void runHijacked(Runnable release, Runnable body) {
        try {
            threads.execute(() -> {
                try {
                    body.run();
                } finally {
                    Thread.interrupted();
                    release.run();
                }
            });
        } catch (RejectedExecutionException e) { // the daemon is stopping
            release.run();
            throw new UnavailableException("the daemon is stopping");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One follower's thread and its client's state; the interrupt never outlives the follower's run. */
    private static final class Follower {
        private final Exchange x;
        private final boolean interrupt;
        private Thread thread;

        Follower(Exchange x, boolean interrupt) {
            this.x = x;
            this.interrupt = interrupt;
        }

        void run(Route.Handler body, String kind) {
            synchronized (this) {
                thread = Thread.currentThread();
                if (!x.open() && interrupt) {
                    thread.interrupt();
                }
            }
            try {
                ApiHandler.serve(body, x, kind + " follower");
            } finally {
                synchronized (this) {
                    thread = null;
                    Thread.interrupted(); // the pool thread is reused: leave no interrupt behind
                }
            }
        }

        synchronized void peerClosed() {
            x.peerClosed();
            if (interrupt && thread != null) {
                thread.interrupt();
            }
        }
    }
}
