package io.cairn.engine.pipeline;

import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs effects off the ring: in decision order per key, concurrently across keys, on a small pool of
 * daemon threads.
 */
public final class EffectExecutor implements AutoCloseable {

    private final ExecutorService pool;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public EffectExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-effect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the effect after every earlier effect with the same key. */
    public CompletableFuture<Void> run(Effect effect) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(effect.key(), mine);
        CompletableFuture<Void> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
        after.handle((ok, ignored) -> null).thenRunAsync(() -> {
            try {
                effect.action().run();
                mine.complete(null);
            } catch (Throwable e) {
                mine.completeExceptionally(e);
            } finally {
                tails.remove(effect.key(), mine);
            }
        }, pool);
        return mine;
    }

    /** The caller-facing error for a failed effect. */
    static CairnException describe(Effect effect, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CairnException c) {
            return c;
        }
        return new EngineFailureException(effect.key() + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
