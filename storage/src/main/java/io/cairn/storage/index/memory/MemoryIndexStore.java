package io.cairn.storage.index.memory;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.index.Families;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexDigester;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.Keys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link IndexStore} held in sorted maps, with the same semantics as the RocksDB one (unsigned
 * key order, atomic batches, {@code lastApplied} kept in {@link #META}, equal digest for equal
 * content) but no persistence: for engine unit tests.
 *
 * <p>A read-write lock makes batches atomic to readers; a scan copies its range under the lock and
 * visits the copy, so the visitor sees a snapshot and may itself write to the store.
 */
public final class MemoryIndexStore implements IndexStore {

    private final Map<String, NavigableMap<byte[], byte[]>> families = new LinkedHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private MemoryIndexStore(List<String> names) {
        for (String name : Families.normalize(names)) {
            families.put(name, new TreeMap<>(Arrays::compareUnsigned));
        }
    }

    /** A new empty store with {@code families} plus {@link #META}. */
    public static MemoryIndexStore open(List<String> families) {
        return new MemoryIndexStore(families);
    }

    @Override
    public byte[] get(String family, byte[] key) {
        lock.readLock().lock();
        try {
            byte[] value = family(family).get(key);
            return value == null ? null : value.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void scan(String family, byte[] prefix, Visitor visitor) {
        List<Map.Entry<byte[], byte[]>> snapshot;
        lock.readLock().lock();
        try {
            NavigableMap<byte[], byte[]> map = family(family);
            byte[] end = Keys.prefixEnd(prefix);
            NavigableMap<byte[], byte[]> range = end == null
                    ? map.tailMap(prefix, true)
                    : map.subMap(prefix, true, end, false);
            // Copy the pairs, not the entries: TreeMap entries are live and would show later writes.
            snapshot = new ArrayList<>(range.size());
            for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
                snapshot.add(Map.entry(e.getKey(), e.getValue()));
            }
        } finally {
            lock.readLock().unlock();
        }
        for (Map.Entry<byte[], byte[]> e : snapshot) {
            if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public void write(IndexBatch batch) {
        if (batch.isEmpty()) {
            checkOpen();
            return;
        }
        lock.writeLock().lock();
        try {
            // Resolve every family first so that a bad name changes nothing.
            List<NavigableMap<byte[], byte[]>> targets = new ArrayList<>(batch.ops().size());
            for (IndexBatch.Op op : batch.ops()) {
                targets.add(family(op.family()));
            }
            for (int i = 0; i < targets.size(); i++) {
                IndexBatch.Op op = batch.ops().get(i);
                if (op.value() == null) {
                    targets.get(i).remove(op.key());
                } else {
                    targets.get(i).put(op.key().clone(), op.value().clone());
                }
            }
            if (batch.lastApplied() >= 0) {
                families.get(META).put(LAST_APPLIED_KEY.clone(), Keys.encodeLong(batch.lastApplied()));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long lastApplied() {
        byte[] value = get(META, LAST_APPLIED_KEY);
        return value == null ? 0 : Keys.decodeLong(value, "memory index meta:lastApplied");
    }

    @Override
    public Digest digest() {
        IndexDigester digester = new IndexDigester();
        lock.readLock().lock();
        try {
            checkOpen();
            // families is filled from a sorted list, so iteration is in name order.
            for (Map.Entry<String, NavigableMap<byte[], byte[]>> f : families.entrySet()) {
                if (f.getKey().equals(META)) {
                    continue;
                }
                for (Map.Entry<byte[], byte[]> e : f.getValue().entrySet()) {
                    digester.entry(f.getKey(), e.getKey(), e.getValue());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return digester.finish();
    }

    @Override
    public void close() {
        closed = true;
    }

    private NavigableMap<byte[], byte[]> family(String name) {
        checkOpen();
        NavigableMap<byte[], byte[]> map = families.get(name);
        if (map == null) {
            throw new IllegalArgumentException("unknown index family \"" + name + "\" (known: "
                    + families.keySet() + ")");
        }
        return map;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("memory index store is closed");
        }
    }
}
