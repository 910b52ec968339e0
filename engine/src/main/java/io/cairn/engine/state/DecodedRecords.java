package io.cairn.engine.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decoded records of one index family, kept across scans with the bytes each was decoded from: a
 * scan decodes again only the records whose bytes changed since the last one. Listing every record of
 * a family is mostly JSON decoding otherwise (10,000 containers: ~0.3 s a {@code ps -a}).
 *
 * <p>Only for immutable record types: every caller gets the same instance. Thread-safe; a full scan
 * forgets the keys it no longer finds, so the cache holds at most the family's records.
 *
 * @param <T> the family's record type
 */
public final class DecodedRecords<T> {

    private record Decoded<T>(byte[] raw, T record) {
    }

    private final String family;
    private final Class<T> type;
    private final ConcurrentHashMap<String, Decoded<T>> byKey = new ConcurrentHashMap<>();

    public DecodedRecords(String family, Class<T> type) {
        this.family = family;
        this.type = type;
    }

    /** Every record of the family in {@code state}, in key order, as {@link StateReader#list} returns them. */
    public List<T> list(StateReader state) {
        List<T> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        state.scan(family, "", (key, raw) -> {
            seen.add(key);
            out.add(decode(key, raw));
            return true;
        });
        byKey.keySet().retainAll(seen);
        return out;
    }

    /** The record {@code raw} holds: the cached one when the bytes are the same, else freshly decoded. */
    T decode(String key, byte[] raw) {
        Decoded<T> cached = byKey.get(key);
        if (cached != null && Arrays.equals(cached.raw(), raw)) {
            return cached.record();
        }
        T record = StateCodec.decode(raw, type, family, key);
        byKey.put(key, new Decoded<>(raw.clone(), record));
        return record;
    }

    /** How many records are kept (for tests). */
    int size() {
        return byKey.size();
    }
}
