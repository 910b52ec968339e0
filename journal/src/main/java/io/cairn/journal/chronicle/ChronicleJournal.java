package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.JournalException;
import io.cairn.journal.RepairReport;
import io.cairn.journal.VerifyReport;
import io.cairn.journal.frame.DecodedFrame;
import io.cairn.journal.frame.EntryFrame;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.queue.impl.table.AbstractTSQueueLock;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link Journal} over a Chronicle Queue directory.
 *
 * <p>Each entry is one Chronicle document holding one {@link EntryFrame} (Cairn's index, the
 * entry's fields and a CRC32C). Chronicle provides the ordered, memory-mapped, crash-tolerant
 * storage; Cairn's frame provides the gap-free index and the end-to-end check.
 *
 * <p>Crash recovery, at {@link #open}: a queue lock still held by a predecessor is released at
 * once (Cairn has one writer per journal, so it can only be stale; Chronicle alone would wait
 * and then fail when the dead holder's pid has been reused), and Chronicle overwrites a
 * document whose header the dead writer never completed. {@link
 * ChronicleJournalOptions#lockRecoveryTimeout} bounds any other wait on the lock. The journal then reads backwards from the end to the last frame that checks out;
 * any corrupt frames after it are a torn tail, skipped by every reader, and the next append
 * reuses the index after the last good entry.
 *
 * <p>Threads: one thread appends and flushes at a time; {@link #replay}, {@link #follow},
 * {@link #verify} and {@link #lastIndex} may run on any thread concurrently. Readers see an entry
 * as soon as it is appended, before {@link #flush()}; with {@link Durability#SYNC} such an entry
 * is not yet safe from power loss. {@link #close()} waits for running appends and replays,
 * closes open cursors and, with {@link Durability#SYNC}, syncs what was appended.
 */
public final class ChronicleJournal implements Journal {

    static {
        // Chronicle's usage analytics and banner are opt-out; a daemon must not phone home.
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    /** Chronicle's table-store key for its write lock (not exposed as a constant by Chronicle). */
    static final String WRITE_LOCK_KEY = "chronicle.write.lock";

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final ExcerptAppender appender;
    private final IndexMap indexMap;
    private final AppendSignal signal = new AppendSignal();
    private final FreeSpaceGuard freeSpace;
    private final FileSyncer syncer; // null with Durability.PROCESS
    private final Set<ChronicleCursor> cursors = ConcurrentHashMap.newKeySet();
    /**
     * Idle readers for {@link #replay} and {@link #verify}: creating and closing a Chronicle
     * tailer costs far more than a short replay, so readers are kept for the next call.
     */
    private final Deque<EntryReader> idleReaders = new ConcurrentLinkedDeque<>();
    private static final int MAX_IDLE_READERS = 4;
    /** Read side: any use of the queue; write side: close, which unmaps it. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile Tail tail;
    private volatile boolean closed;
    /** Set as {@link #close()} starts: a running verification stops rather than hold the close up. */
    private volatile boolean closing;
    /** The last index the previous clean close vouched for, if the files are as it left them. */
    private final Optional<Long> sealed;
    /** A clean close left a seal, but the files are no longer as it recorded them. */
    private final boolean sealBroken;
    /** A verification during this open found the journal sound: the close may seal it. */
    private volatile boolean verifiedSound;
    /** The last whole verification and the last index there was when it ended, or null. */
    private volatile Verified lastVerification;

    private record Verified(long lastIndex, VerifyReport report) {
    }

    // Writer-thread state.
    private ByteBuffer frameBuffer = ByteBuffer.allocate(1024);
    /** Cycle of the last entry; a new cycle's first entry is the index map's anchor for it. */
    private int writerCycle;

    private ChronicleJournal(Path dir, SingleChronicleQueue queue, ChronicleJournalOptions options,
                             Optional<Long> sealed, boolean sealFound) {
        this.dir = dir;
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.indexMap = new IndexMap(queue);
        this.freeSpace = new FreeSpaceGuard(dir, options.freeSpaceReserve());
        this.syncer = options.durability() == Durability.SYNC ? new FileSyncer(dir) : null;
        releaseStaleLocks();
        this.tail = recoverTail();
        this.sealed = sealed.filter(last -> last == tail.index());
        this.sealBroken = sealFound && this.sealed.isEmpty();
        this.writerCycle = tail.isEmpty() ? Integer.MIN_VALUE : rollCycle.toCycle(tail.chronicleIndex());
        this.appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
    }

    /** Opens (creating if needed) the journal in {@code dir} with default options. */
    public static ChronicleJournal open(Path dir, Durability durability) {
        return open(dir, ChronicleJournalOptions.defaults(durability));
    }

    /** Opens (creating if needed) the journal in {@code dir}, recovering a torn tail. */
    public static ChronicleJournal open(Path dir, ChronicleJournalOptions options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot create the directory", e);
        }
        // before Chronicle opens anything: the seal describes the files as the last close left them
        Optional<Long> sealed = JournalSeal.take(dir);
        boolean sealFound = sealed.isPresent() || JournalSeal.broken(dir);
        SingleChronicleQueue queue;
        try {
            Clock clock = options.clock();
            queue = SingleChronicleQueueBuilder.binary(dir)
                    .rollCycle(options.rollPeriod().chronicleCycle())
                    .timeoutMS(options.lockRecoveryTimeout().toMillis())
                    .timeProvider(clock::millis)
                    .build();
        } catch (RuntimeException e) {
            throw new JournalException("journal " + dir + ": cannot open the Chronicle queue", e);
        }
        try {
            return new ChronicleJournal(dir, queue, options, sealed, sealFound);
        } catch (RuntimeException e) {
            queue.close();
            throw e instanceof JournalException ? e : new JournalException("journal " + dir + ": cannot recover", e);
        }
    }

    /** The directory holding the queue files. */
    public Path directory() {
        return dir;
    }

    /**
     * Cuts the damaged journal in {@code dir} back to its last good entry (the one before
     * {@link VerifyReport#firstBadIndex()}), keeping the damaged original beside it, and reports
     * what was dropped. A sound journal is left as it is. Only for a journal nobody else has open:
     * the daemon must be stopped.
     */
    public static RepairReport repair(Path dir, ChronicleJournalOptions options) {
        return JournalRepairer.repair(dir, options);
    }

    /** The last index the previous clean close vouched for, when the files are as it left them. */
    Optional<Long> sealed() {
        return sealed;
    }

    RollCycle rollCycle() {
        return rollCycle;
    }

    /**
     * Clears queue locks left held by a predecessor. Chronicle takes over a lock whose holder is
     * dead, but when the holder's pid is alive again (reused, or the same pid 1 in a container
     * restarted) it waits {@code timeoutMS} and then fails. Cairn allows one writer per journal
     * (the daemon holds {@code cairn.lock} before opening it), so any lock held at open is stale.
     */
    private void releaseStaleLocks() {
        for (String key : List.of(WRITE_LOCK_KEY, TableStoreWriteLock.APPEND_LOCK_KEY)) {
            long holder = queue.tableStoreGet(key);
            if (holder != AbstractTSQueueLock.UNLOCKED) {
                LOG.warn("journal {}: releasing {} left held by pid {} (a single writer is opening the journal)",
                        dir, key, holder);
                queue.tableStorePut(key, AbstractTSQueueLock.UNLOCKED);
            }
        }
    }

    private Tail recoverTail() {
        List<String> torn = new ArrayList<>();
        Tail found = Tail.EMPTY;
        try (EntryReader reader = new EntryReader(queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())) {
            Frame frame;
            while ((frame = reader.nextFrame()) != null) {
                if (frame.decoded() instanceof DecodedFrame.Valid valid) {
                    found = new Tail(valid.entry().index(), frame.chronicleIndex());
                    break;
                }
                torn.add(Position.describe(rollCycle, frame.chronicleIndex()) + ": "
                        + ((DecodedFrame.Corrupt) frame.decoded()).reason());
            }
        }
        if (!torn.isEmpty()) {
            LOG.warn("journal {}: torn tail after index {}: {} frame(s) skipped, the next append reuses index {}: {}",
                    dir, found.index(), torn.size(), found.index() + 1, torn);
        }
        return found;
    }

    @Override
    public long append(String type, int schemaVersion, long timeNanos, int uid, byte[] payload) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            long index = tail.index() + 1;
            int frameSize = encode(index, type, schemaVersion, timeNanos, uid, payload);
            freeSpace.beforeAppend(frameSize);
            try (DocumentContext dc = appender.writingDocument()) {
                try {
                    dc.wire().bytes().write(frameBuffer.array(), 0, frameSize);
                } catch (RuntimeException e) {
                    dc.rollbackOnClose();
                    throw e;
                }
            } catch (RuntimeException e) {
                throw new JournalException("journal " + dir + ": cannot append entry " + index + " of type " + type, e);
            }
            long chronicleIndex = appender.lastIndexAppended();
            tail = new Tail(index, chronicleIndex);
            int cycle = rollCycle.toCycle(chronicleIndex);
            if (cycle != writerCycle) {
                // This entry is the first readable one of a cycle the previous entry was not in.
                writerCycle = cycle;
                indexMap.appended(index, chronicleIndex);
            }
            if (syncer != null) {
                syncer.written(cycle, appender);
            }
            signal.signal();
            return index;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Encodes the frame into {@link #frameBuffer} and returns its size. */
    private int encode(long index, String type, int schemaVersion, long timeNanos, int uid, byte[] payload) {
        int bound = EntryFrame.frameSize(EntryFrame.MAX_TYPE_BYTES, payload == null ? 0 : payload.length);
        if (frameBuffer.capacity() < bound) {
            frameBuffer = ByteBuffer.allocate(Math.max(bound, frameBuffer.capacity() * 2));
        }
        frameBuffer.clear();
        EntryFrame.encode(frameBuffer, index, type, schemaVersion, timeNanos, uid, payload);
        return frameBuffer.position();
    }

    @Override
    public void flush() {
        if (syncer == null) {
            return; // PROCESS: a completed document already belongs to the kernel's page cache
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            syncer.sync();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public long lastIndex() {
        return tail.index();
    }

    @Override
    public long replay(long from, long to, EntryConsumer consumer) {
        long start = Math.max(1, from);
        if (start > to) {
            return 0;
        }
        lifecycle.readLock().lock();
        EntryReader reader = null;
        try {
            reader = borrowReader();
            indexMap.seek(reader, start, tail);
            long handed = 0;
            JournalEntry entry;
            while ((entry = reader.next(start)) != null && entry.index() <= to) {
                handed++;
                // stop at 'to' without reading past it: damage after the range is not this replay's
                if (!consumer.accept(entry) || entry.index() == to) {
                    break;
                }
            }
            return handed;
        } finally {
            giveBack(reader);
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public JournalCursor follow(long from) {
        long start = Math.max(1, from);
        lifecycle.readLock().lock();
        try {
            EntryReader reader = newReader();
            indexMap.seek(reader, start, tail);
            ChronicleCursor cursor = new ChronicleCursor(this, reader, start);
            cursors.add(cursor);
            return cursor;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public VerifyReport verify() {
        lifecycle.readLock().lock();
        EntryReader reader = null;
        try {
            reader = borrowReader();
            long before = tail.index();
            VerifyReport report = new JournalVerifier(rollCycle).verify(reader, () -> closing);
            if (report.ok()) {
                verifiedSound = true;
            }
            if (tail.index() == before) { // nothing appended meanwhile: the report covers every entry
                lastVerification = new Verified(before, report);
                if (report.ok() && sealBroken) {
                    JournalSeal.clearBroken(dir);
                }
            }
            return report;
        } finally {
            giveBack(reader);
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public VerifyReport verifyUnlessSealed() {
        if (sealed.isEmpty()) {
            Verified last = lastVerification;
            return last != null && last.lastIndex() == tail.index() ? last.report() : verify();
        }
        long last = sealed.get();
        verifiedSound = true;
        // sound means contiguous from index 1 (the verifier counts a later first index as a gap)
        return new VerifyReport(last, last == 0 ? 0 : 1, last, List.of(), List.of(), 0);
    }

    @Override
    public VerifyReport verifyFrom(long from) {
        if (from <= 1) {
            return verify();
        }
        lifecycle.readLock().lock();
        EntryReader reader = null;
        try {
            reader = borrowReader();
            // positioned just after entry from-1 (a seek that finds it has read its frame) or before it:
            // corrupt frames between from-1 and from are then read and judged, entries before from are
            // context. Neither verifiedSound nor lastVerification is set: this read a part
            indexMap.seek(reader, from - 1, tail);
            reader.reset(); // drops the entry the seek pushed back: the verifier reads frames itself
            return new JournalVerifier(rollCycle).verify(reader, from, () -> closing);
        } finally {
            giveBack(reader);
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public boolean isSealed() {
        return sealed.isPresent();
    }

    @Override
    public boolean sealBroken() {
        return sealBroken;
    }

    /** A reader positioned by {@link IndexMap#seek} for {@code from}; the caller closes it. */
    EntryReader seekReader(long from) {
        lifecycle.readLock().lock();
        try {
            EntryReader reader = newReader();
            indexMap.seek(reader, from, tail);
            return reader;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** An idle reader or a new one; the caller holds the read lock. */
    private EntryReader borrowReader() {
        ensureOpen();
        EntryReader reader = idleReaders.pollFirst();
        if (reader == null) {
            return newReader();
        }
        reader.reset();
        return reader;
    }

    /** Keeps {@code reader} for the next replay, or closes it when enough are idle. */
    private void giveBack(EntryReader reader) {
        if (reader == null) {
            return;
        }
        if (closed || idleReaders.size() >= MAX_IDLE_READERS) {
            reader.close();
        } else {
            idleReaders.offerFirst(reader);
        }
    }

    /** Creates a reader; the caller holds the read lock. */
    private EntryReader newReader() {
        ensureOpen();
        return new EntryReader(queue.createTailer());
    }

    /** One read step for a cursor, guarded against a concurrent close. */
    JournalEntry read(EntryReader reader, long from) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return reader.next(from);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    AppendSignal signal() {
        return signal;
    }

    void closeCursor(ChronicleCursor cursor) {
        lifecycle.readLock().lock();
        try {
            if (cursors.remove(cursor)) {
                cursor.release();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new JournalException("journal " + dir + " is closed");
        }
    }

    @Override
    public void close() {
        closing = true;
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            boolean synced = false;
            try {
                if (syncer != null) {
                    syncer.sync();
                }
                synced = true;
            } finally {
                closed = true;
                cursors.forEach(ChronicleCursor::release);
                cursors.clear();
                EntryReader idle;
                while ((idle = idleReaders.pollFirst()) != null) {
                    idle.close();
                }
                appender.close();
                queue.close();
                if (syncer != null) {
                    syncer.close();
                }
                if (verifiedSound && synced) {
                    // entries after the verification were appended by this process, whole and synced
                    JournalSeal.write(dir, tail.index());
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
            signal.signal(); // wake waiting cursors so they see the journal is closed
        }
    }

    @Override
    public String toString() {
        return "ChronicleJournal[" + dir + ", last index " + tail.index() + "]";
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
