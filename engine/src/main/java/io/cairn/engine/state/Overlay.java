package io.cairn.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Writes that are decided but not yet in the index. The decide stage reads through it (so a
 * decision sees every earlier decision) and the index stage releases an entry once the batch that
 * holds it is written. Only the decide stage adds; the index stage releases (and the journal stage,
 * for a decision the journal refused before writing any of it), and a release removes the entry only
 * if no newer write to the same key replaced it.
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

    record Key(String family, String key) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = family.compareTo(o.family);
            return c != 0 ? c : compareUnsigned(key, o.key);
        }
    }

    private final ConcurrentSkipListMap<Key, Pending> entries = new ConcurrentSkipListMap<>();

    /** Records a decided write and returns the handle that {@link #release} takes. */
    public Pending add(String family, String key, byte[] valueOrNull) {
        Pending pending = new Pending(valueOrNull);
        entries.put(new Key(family, key), pending);
        return pending;
    }

    /** Drops the entry once indexed, unless a later decision replaced it. */
    public void release(String family, String key, Pending pending) {
        entries.remove(new Key(family, key), pending);
    }

    /** The pending write for a key, or {@code null} when the index is authoritative for it. */
    public Pending lookup(String family, String key) {
        return entries.get(new Key(family, key));
    }

    /** Pending writes of a family whose key starts with {@code prefix}, in key order. */
    public List<Map.Entry<String, Pending>> range(String family, String prefix) {
        List<Map.Entry<String, Pending>> found = new ArrayList<>();
        // keys sharing a prefix are contiguous in unsigned-byte order
        for (var e : entries.tailMap(new Key(family, prefix), true).entrySet()) {
            if (!e.getKey().family.equals(family) || !e.getKey().key.startsWith(prefix)) {
                break;
            }
            found.add(Map.entry(e.getKey().key, e.getValue()));
        }
        return found;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public void clear() {
        entries.clear();
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
