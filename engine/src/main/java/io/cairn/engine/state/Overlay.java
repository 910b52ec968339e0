package io.cairn.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes that are decided but not yet in the index. The decide stage reads through it (so a
 * decision sees every earlier decision) and the index stage releases an entry once the batch that
 * holds it is written. Only the decide stage adds; the index stage releases (and the journal stage,
 * for a decision the journal refused before writing any of it), and a release removes the entry only
 * if no newer write to the same key replaced it.
 *
 * <p>Threads: one thread adds, releases and reads (the pipeline's consumer thread, or a replay's
 * thread); an overlay that is never written (the engine's committed reader) may be read by any
 * number of threads. Point reads and writes are two hash lookups; {@link #range} sorts the
 * family's matching entries, which is cheap because projections never scan and the overlay holds
 * at most one batch of writes. (It was a {@code ConcurrentSkipListMap}: a fifth to a third of a
 * replay's time went to its inserts, comparisons and clears; docs/BENCHMARKS.md, issues 2 and 16.)
 */
public final class Overlay {

    /** A pending put ({@code value != null}) or delete. Identity matters: see {@link #release}. */
    public static final class Pending {
        final byte[] value;

        Pending(byte[] value) {
            this.value = value;
        }

        public byte[] value() {
            return value;
        }
    }

    /** Family → key → pending write; a family's map stays once created (there are a dozen families). */
    private final Map<String, HashMap<String, Pending>> families = new HashMap<>();
    private int size;

    /** Records a decided write and returns the handle that {@link #release} takes. */
    public Pending add(String family, String key, byte[] valueOrNull) {
        Pending pending = new Pending(valueOrNull);
        if (families.computeIfAbsent(family, f -> new HashMap<>()).put(key, pending) == null) {
            size++;
        }
        return pending;
    }

    /** Drops the entry once indexed, unless a later decision replaced it. */
    public void release(String family, String key, Pending pending) {
        HashMap<String, Pending> entries = families.get(family);
        if (entries != null && entries.remove(key, pending)) {
            size--;
        }
    }

    /** The pending write for a key, or {@code null} when the index is authoritative for it. */
    public Pending lookup(String family, String key) {
        if (size == 0) {
            return null;
        }
        HashMap<String, Pending> entries = families.get(family);
        return entries == null ? null : entries.get(key);
    }

    /** Pending writes of a family whose key starts with {@code prefix}, in key order. */
    public List<Map.Entry<String, Pending>> range(String family, String prefix) {
        HashMap<String, Pending> entries = size == 0 ? null : families.get(family);
        if (entries == null || entries.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, Pending>> found = new ArrayList<>();
        for (Map.Entry<String, Pending> e : entries.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                found.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        found.sort((a, b) -> compareUnsigned(a.getKey(), b.getKey()));
        return found;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        if (size > 0) {
            families.values().forEach(HashMap::clear);
            size = 0;
        }
    }

    /**
     * Orders keys as the index does: by UTF-8 bytes, unsigned. Code point order is the same order,
     * without encoding both keys on every comparison.
     */
    static int compareUnsigned(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
