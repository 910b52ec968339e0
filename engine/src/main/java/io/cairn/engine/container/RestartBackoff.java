package io.cairn.engine.container;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Docker's restart back-off, per container, in the running engine's memory (as moby's restart
 * manager keeps it): the first restart waits 100 ms, each next one twice the last, at most a
 * minute; a run that lasted 10 s or more starts the sequence again. A daemon restart starts it
 * again too.
 */
final class RestartBackoff {

    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 60_000;
    static final long RESET_AFTER_NANOS = 10_000_000_000L;

    private final Map<String, Long> last = new ConcurrentHashMap<>();

    /** The delay before the next restart of a run that lasted {@code ranNanos}; not remembered until {@link #taken}. */
    long next(String id, long ranNanos) {
        long previous = ranNanos >= RESET_AFTER_NANOS ? 0 : last.getOrDefault(id, 0L);
        return previous == 0 ? FIRST_MILLIS : Math.min(MAX_MILLIS, previous * 2);
    }

    /** The delay was used: the next one doubles it. */
    void taken(String id, long delayMillis) {
        last.put(id, delayMillis);
    }

    void forget(String id) {
        last.remove(id);
    }
}
