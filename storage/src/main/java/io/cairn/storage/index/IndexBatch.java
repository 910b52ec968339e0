package io.cairn.storage.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A set of puts and deletes written atomically by {@link IndexStore#write}, optionally with the
 * journal index it brings the store up to. Operations apply in the order they were added, so a
 * later put or delete of the same key wins. The arrays are not copied: do not modify them until
 * the batch is written. Not thread-safe; reusable after {@link #clear()}.
 */
public final class IndexBatch {

    /** One put ({@code value != null}) or delete ({@code value == null}). */
    public record Op(String family, byte[] key, byte[] value) {
    }

    private final List<Op> ops = new ArrayList<>();
    private long lastApplied = -1;

    public IndexBatch put(String family, byte[] key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for a put in family " + family);
        }
        ops.add(new Op(checkFamily(family), checkKey(family, key), value));
        return this;
    }

    public IndexBatch delete(String family, byte[] key) {
        ops.add(new Op(checkFamily(family), checkKey(family, key), null));
        return this;
    }

    /** Records that this batch brings the store up to journal index {@code index} (≥ 0). */
    public IndexBatch lastApplied(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative lastApplied journal index: " + index);
        }
        this.lastApplied = index;
        return this;
    }

    /** The journal index this batch sets, or -1 when it sets none. */
    public long lastApplied() {
        return lastApplied;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty() && lastApplied < 0;
    }

    public void clear() {
        ops.clear();
        lastApplied = -1;
    }

    private static String checkFamily(String family) {
        if (family == null) {
            throw new IllegalArgumentException("null index family");
        }
        return family;
    }

    private static byte[] checkKey(String family, byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("null key in index family " + family);
        }
        return key;
    }
}
