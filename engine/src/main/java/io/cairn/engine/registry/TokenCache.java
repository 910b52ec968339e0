package io.cairn.engine.registry;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens a token server issued, by realm, service, scope and user, kept until shortly before
 * they expire. Tokens never leave memory.
 */
final class TokenCache {

    private record Entry(String token, Instant expires) {
    }

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

    String get(String key) {
        Entry e = tokens.get(key);
        if (e == null) {
            return null;
        }
        if (Instant.now().isAfter(e.expires)) {
            tokens.remove(key, e);
            return null;
        }
        return e.token;
    }

    /** Keeps {@code token} for {@code seconds} less a margin, so that it is not used as it expires. */
    void put(String key, String token, long seconds) {
        long keep = Math.max(0, Math.max(seconds, 60) - 10);
        tokens.put(key, new Entry(token, Instant.now().plusSeconds(keep)));
    }

    void forget(String key) {
        tokens.remove(key);
    }
}
