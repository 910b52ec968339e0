package io.cairn.storage.index.rocks;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.index.Families;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexDigester;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.IndexStoreException;
import io.cairn.storage.index.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

/**
 * The {@link IndexStore} on RocksDB: one column family per index family, plus {@link #META}.
 *
 * <p>Each {@link IndexBatch} becomes one RocksDB {@code WriteBatch} that also carries the
 * {@code meta:lastApplied} mark, so a batch and its mark are durable together. The WAL is always
 * on; with {@code syncWrites} every batch is fsynced before {@link #write} returns, without it a
 * process crash loses nothing but a power loss may lose the last batches (the journal, replayed
 * from {@code lastApplied + 1}, restores them). Column families found on disk but not asked for
 * are opened (RocksDB requires it), kept, and ignored. Memory settings: see {@link RocksTuning}.
 *
 * <p>Full disk: RocksDB stops accepting writes after an I/O error. RocksJava has no
 * {@code DB::Resume()}, so a failed write reopens the database once in place (which is what
 * {@code Resume} does: it clears the error and replays the WAL) and then throws an
 * {@link IndexStoreException} naming the directory and the {@code lastApplied} found after the
 * reopen, which tells whether the batch made it; retrying it is safe. Reopening also drops the
 * WAL's preallocated tail, so on a full disk it usually succeeds and reads keep working. If the
 * reopen fails, the store is closed and every call throws {@link IllegalStateException} saying why.
 * (Left alone, RocksDB would also recover by itself, polling for free space every few seconds.)
 *
 * <p>A store opened {@link #openForRebuild for a rebuild} is filled once and then closed: its
 * writes skip the WAL and its memtables are larger, and {@link #close()} flushes them to synced SST
 * files, so that once closed it is as durable as a store written through the WAL. Before that, a
 * crash loses it, which costs nothing: a rebuild discards a leftover scratch index and starts over.
 *
 * <p>Thread safety: one writer and any number of readers; a read-write lock keeps {@link #close()}
 * and the reopen from freeing native handles under a running call.
 */
public final class RocksIndexStore implements IndexStore {

    private final Path dir;
    private final List<String> families;
    private final boolean syncWrites;
    private final RocksSettings settings;
    private final boolean rebuild;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Guarded by lock: replaced when a failed write reopens the database, nulled by close().
    private RocksTuning tuning;
    private RocksDB db;
    private List<ColumnFamilyHandle> allHandles;
    private Map<String, ColumnFamilyHandle> handles;
    /** Column family ids by name, for {@link WriteBatchRep} ({@code getID} is a JNI call). */
    private Map<String, Integer> familyIds;
    private boolean closed;
    private String closedBecause = "closed";
    /** A rebuild store holds batches that are only in memtables (written without the WAL). */
    private boolean unflushed;

    private RocksIndexStore(Path dir, List<String> families, boolean syncWrites, RocksSettings settings,
                            boolean rebuild) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.rebuild = rebuild;
        this.dir = dir;
        this.families = families;
        this.syncWrites = syncWrites;
    }

    /**
     * Opens (creating if needed) the store in {@code dir} with {@code families} plus {@link #META}.
     *
     * @param syncWrites fsync the WAL on every batch
     * @throws IndexStoreException naming {@code dir} when RocksDB cannot open it (held by another
     *     process, corrupt, unreadable)
     */
    public static RocksIndexStore open(Path dir, List<String> families, boolean syncWrites) {
        return open(dir, families, syncWrites, RocksSettings.DEFAULTS);
    }

    /** As {@link #open(Path, List, boolean)}, with an operator's cache, memtable and compaction sizes. */
    public static RocksIndexStore open(Path dir, List<String> families, boolean syncWrites, RocksSettings settings) {
        return open(dir, families, syncWrites, settings, false);
    }

    /**
     * Opens a new store to be filled by a replay of the whole journal and then closed (see the
     * class comment): writes skip the WAL, memtables are {@link RocksTuning#forRebuild larger} and
     * no compaction runs while it is written; {@link #close()} flushes and compacts it. Reopen it
     * with {@link #open} to use it.
     */
    public static RocksIndexStore openForRebuild(Path dir, List<String> families, RocksSettings settings) {
        return open(dir, families, false, settings, true);
    }

    private static RocksIndexStore open(Path dir, List<String> families, boolean syncWrites, RocksSettings settings,
                                        boolean rebuild) {
        List<String> names = Families.normalize(families);
        RocksNativeLibrary.load();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IndexStoreException("cannot create index directory " + dir + ": " + e, e);
        }
        RocksIndexStore store = new RocksIndexStore(dir.toAbsolutePath(), names, syncWrites, settings, rebuild);
        store.openDb();
        return store;
    }

    /**
     * Deletes the store in {@code dir} and the directory itself, for a rebuild from the journal;
     * an absent directory is a no-op. The store must be closed (RocksDB's lock file refuses it
     * otherwise, with an {@link IndexStoreException} naming the directory).
     */
    public static void destroy(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        RocksNativeLibrary.load();
        try (Options options = new Options()) {
            RocksDB.destroyDB(dir.toString(), options);
        } catch (RocksDBException e) {
            throw new IndexStoreException("cannot destroy index " + dir + ": " + describe(e), e);
        }
        // destroyDB removes the directory only when it owned every file in it; sweep what is left.
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IndexStoreException("cannot delete index directory " + dir + ": " + e, e);
        }
    }

    /** The directory this store lives in. */
    public Path directory() {
        return dir;
    }

    @Override
    public byte[] get(String family, byte[] key) {
        lock.readLock().lock();
        try {
            return db().get(handle(family), key);
        } catch (RocksDBException e) {
            throw failure("get " + family + " key " + Keys.describe(key), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void scan(String family, byte[] prefix, Visitor visitor) {
        lock.readLock().lock();
        try {
            RocksDB rocks = db();
            ColumnFamilyHandle handle = handle(family);
            byte[] end = Keys.prefixEnd(prefix);
            // The upper bound stops the iterator inside RocksDB, so it never walks past the prefix
            // (over tombstones, say); the prefix check is then only a safeguard.
            try (ReadOptions options = new ReadOptions();
                    Slice upper = end == null ? null : new Slice(end)) {
                if (upper != null) {
                    options.setIterateUpperBound(upper);
                }
                try (RocksIterator it = rocks.newIterator(handle, options)) {
                    for (it.seek(prefix); it.isValid(); it.next()) {
                        byte[] key = it.key();
                        if (!Keys.hasPrefix(key, prefix) || !visitor.visit(key, it.value())) {
                            break;
                        }
                    }
                    it.status();
                }
            }
        } catch (RocksDBException e) {
            throw failure("scan " + family + " prefix " + Keys.describe(prefix), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(IndexBatch batch) {
        RocksDBException failed;
        lock.readLock().lock();
        try {
            failed = apply(batch);
        } finally {
            lock.readLock().unlock();
        }
        if (failed != null) {
            throw writeFailure("write of a batch of " + batch.ops().size() + " ops"
                    + (batch.lastApplied() >= 0 ? " (lastApplied " + batch.lastApplied() + ")" : ""), failed);
        }
    }

    /** Writes the batch; returns RocksDB's failure rather than throwing it, so the caller can recover. */
    private RocksDBException apply(IndexBatch batch) {
        RocksDB rocks = db();
        if (batch.isEmpty()) {
            return null;
        }
        byte[] rep = WriteBatchRep.encode(batch.ops(), this::familyId, familyId(META),
                batch.lastApplied() >= 0 ? LAST_APPLIED_KEY : null,
                batch.lastApplied() >= 0 ? Keys.encodeLong(batch.lastApplied()) : null);
        try (WriteBatch rocksBatch = new WriteBatch(rep)) {
            rocks.write(tuning.writeOptions, rocksBatch);
            unflushed |= rebuild;
            return null;
        } catch (RocksDBException e) {
            return e;
        }
    }

    @Override
    public long lastApplied() {
        byte[] value = get(META, LAST_APPLIED_KEY);
        return value == null ? 0 : Keys.decodeLong(value, "index " + dir + " meta:lastApplied");
    }

    @Override
    public Digest digest() {
        IndexDigester digester = new IndexDigester();
        lock.readLock().lock();
        try {
            RocksDB rocks = db();
            Snapshot snapshot = rocks.getSnapshot();
            // One snapshot for every family, so the digest is of one point in time; fill_cache off so
            // a full walk does not evict the working set.
            try (ReadOptions options = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
                for (String family : families) {
                    if (family.equals(META)) {
                        continue;
                    }
                    try (RocksIterator it = rocks.newIterator(handles.get(family), options)) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            digester.entry(family, it.key(), it.value());
                        }
                        it.status();
                    }
                }
            } finally {
                rocks.releaseSnapshot(snapshot);
            }
        } catch (RocksDBException e) {
            throw failure("digest", e);
        } finally {
            lock.readLock().unlock();
        }
        return digester.finish();
    }

    /**
     * Writes a consistent copy of the store, as it is after every batch written so far, into
     * {@code into} (which must not exist; its parent must), with RocksDB's checkpoint: the memtables
     * are flushed first, SST files are hard links (they never change), the rest is copied. A failure
     * may leave a partial {@code into}; the caller writes into a temporary directory and renames it.
     *
     * @throws IndexStoreException naming {@code into} when RocksDB cannot make the copy
     */
    public void checkpoint(Path into) {
        lock.readLock().lock();
        try {
            try (org.rocksdb.Checkpoint checkpoint = org.rocksdb.Checkpoint.create(db())) {
                checkpoint.createCheckpoint(into.toString());
            }
        } catch (RocksDBException e) {
            throw new IndexStoreException("cannot checkpoint index " + dir + " into " + into + ": " + describe(e), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (db != null && unflushed) {
                flushRebuilt();
            }
            if (db != null && !syncWrites) {
                try {
                    db.syncWal();
                } catch (RocksDBException e) {
                    // Unsynced batches are still in the page cache; the journal covers a power loss.
                }
            }
            closeDb();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes a rebuilt store's memtables to SST files (RocksDB syncs them) and compacts what they
     * hold, since no compaction ran while it was filled. A failure is thrown: the store would be
     * missing what its memtables held.
     */
    private void flushRebuilt() {
        try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, allHandles);
            for (ColumnFamilyHandle h : allHandles) {
                db.compactRange(h);
            }
            unflushed = false;
        } catch (RocksDBException e) {
            closeDb();
            throw failure("flush of the rebuilt index", e);
        }
    }

    @Override
    public String toString() {
        return "RocksIndexStore[" + dir + "]";
    }

    private void openDb() {
        tuning = rebuild ? RocksTuning.forRebuild(settings) : new RocksTuning(syncWrites, settings);
        Set<String> toOpen = new LinkedHashSet<>();
        toOpen.add("default");
        toOpen.addAll(families);
        try {
            toOpen.addAll(existingFamilies());
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : toOpen) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), tuning.familyOptions));
            }
            List<ColumnFamilyHandle> opened = new ArrayList<>();
            db = RocksDB.open(tuning.dbOptions, dir.toString(), descriptors, opened);
            allHandles = opened;
            Map<String, ColumnFamilyHandle> byName = new HashMap<>();
            for (ColumnFamilyHandle h : opened) {
                String name = new String(h.getName(), UTF_8);
                if (families.contains(name)) {
                    byName.put(name, h);
                }
            }
            handles = Map.copyOf(byName);
            Map<String, Integer> ids = new HashMap<>();
            byName.forEach((name, h) -> ids.put(name, h.getID()));
            familyIds = Map.copyOf(ids);
        } catch (RocksDBException e) {
            closeDb();
            throw new IndexStoreException("cannot open index " + dir + ": " + describe(e), e);
        }
    }

    private List<String> existingFamilies() throws RocksDBException {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options options = new Options()) {
            return RocksDB.listColumnFamilies(options, dir.toString()).stream()
                    .map(name -> new String(name, UTF_8)).toList();
        }
    }

    /** Closes handles, then the database, then the options they were made with. */
    private void closeDb() {
        if (allHandles != null) {
            for (ColumnFamilyHandle h : allHandles) {
                h.close();
            }
        }
        if (db != null) {
            db.close();
        }
        if (tuning != null) {
            tuning.close();
        }
        allHandles = null;
        handles = null;
        familyIds = null;
        db = null;
        tuning = null;
    }

    /**
     * After a failed write: RocksDB refuses every later write until resumed, so reopen once (under
     * the write lock, with no call in flight) and report the failure either way. Reopening replays
     * the WAL, which also tells whether the failed batch made it: the message gives lastApplied.
     */
    private IndexStoreException writeFailure(String what, RocksDBException cause) {
        String failed = "index " + dir + ": " + what + " failed: " + describe(cause);
        if (lock.getReadHoldCount() > 0) {
            // A write from inside a scan's visitor: the read lock cannot be upgraded, so no reopen.
            return new IndexStoreException(failed + "; not reopened (write from inside a scan)", cause);
        }
        lock.writeLock().lock();
        try {
            if (closed) {
                return new IndexStoreException(failed, cause);
            }
            if (rebuild) {
                // reopening would drop the memtables (no WAL): the rebuild fails and starts over
                closed = true;
                closedBecause = "closed: a write to the rebuilt index failed";
                closeDb();
                return new IndexStoreException(failed + "; the rebuilt index is " + closedBecause, cause);
            }
            try {
                closeDb();
                openDb();
            } catch (IndexStoreException reopenFailure) {
                closed = true;
                closedBecause = "closed: reopening it after a failed write failed: " + reopenFailure.getMessage();
                cause.addSuppressed(reopenFailure);
                return new IndexStoreException(failed + "; the store is " + closedBecause, cause);
            }
            byte[] mark = db.get(handles.get(META), LAST_APPLIED_KEY);
            return new IndexStoreException(failed + "; the store was reopened and accepts writes again once"
                    + " the cause is gone; lastApplied is now "
                    + (mark == null ? 0 : Keys.decodeLong(mark, "meta:lastApplied"))
                    + " (retrying the batch is safe: its puts and deletes are idempotent)", cause);
        } catch (RocksDBException readBack) {
            cause.addSuppressed(readBack);
            return new IndexStoreException(failed + "; the store was reopened", cause);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private IndexStoreException failure(String what, RocksDBException e) {
        return new IndexStoreException("index " + dir + ": " + what + " failed: " + describe(e), e);
    }

    private static String describe(RocksDBException e) {
        return e.getStatus() != null ? e.getStatus().getCodeString() + ": " + e.getMessage() : e.getMessage();
    }

    private RocksDB db() {
        if (closed || db == null) {
            throw new IllegalStateException("index " + dir + " is " + closedBecause);
        }
        return db;
    }

    private int familyId(String family) {
        Integer id = familyIds.get(family);
        if (id == null) {
            handle(family); // throws, naming the family
        }
        return id;
    }

    private ColumnFamilyHandle handle(String family) {
        ColumnFamilyHandle h = handles.get(family);
        if (h == null) {
            throw new IllegalArgumentException("unknown index family \"" + family + "\" in " + dir
                    + " (known: " + families + ")");
        }
        return h;
    }
}
