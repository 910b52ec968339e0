package io.cairn.journal;

import java.io.Closeable;

/**
 * An append-only, gap-free, checksummed log.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #append} assigns the next index ({@link #lastIndex()} + 1, the first is 1) and
 *       returns it. One thread appends and flushes at a time (the pipeline's journal stage);
 *       readers may run on any thread concurrently.</li>
 *   <li>Readers ({@link #replay}, {@link #follow}) see an entry as soon as {@link #append} has
 *       returned, before {@link #flush()}; with {@link Durability#SYNC} such an entry may still
 *       be lost to a power failure, so a consumer that must only act on durable entries waits
 *       for the writer's flush (as the pipeline does: it indexes after the batch's flush).</li>
 *   <li>An entry is acknowledged-safe once {@link #flush()} has returned after its append: it then
 *       survives a SIGKILL of the process ({@link Durability#PROCESS}) or a power loss
 *       ({@link Durability#SYNC}).</li>
 *   <li>A torn entry (the process died while writing it) or a corrupted one (its CRC32C does not
 *       match) is never returned by {@link #replay} or a {@link JournalCursor}. Opening a journal
 *       whose tail is torn recovers it: the next append reuses the torn entry's index, so indices
 *       stay contiguous.</li>
 *   <li>Damage anywhere else fails closed: when an index a reader needs is missing or unreadable,
 *       {@link #replay} and {@link JournalCursor#next} throw {@link JournalDamagedException} naming
 *       it, rather than skip to the next readable entry. {@link #verify} finds damage anywhere.</li>
 *   <li>When free space on the journal's file system falls below a reserve, {@link #append}
 *       throws {@link JournalFullException} instead of risking a SIGBUS on the mapped file.</li>
 * </ul>
 */
public interface Journal extends Closeable {

    /**
     * Appends one entry and returns its index.
     *
     * @throws JournalFullException     when the file system is too full to append safely; nothing
     *                                  was written and the index was not consumed
     * @throws IllegalArgumentException when {@code type} is empty or longer than 255 bytes of UTF-8,
     *                                  or {@code payload} is null or larger than 16 MiB
     * @throws JournalException         when the journal is closed or the write fails
     */
    long append(String type, int schemaVersion, long timeNanos, int uid, byte[] payload);

    /**
     * Makes every entry appended so far durable according to the journal's {@link Durability}:
     * for {@link Durability#SYNC} one device sync per call, however many entries the batch holds;
     * for {@link Durability#PROCESS} nothing is left to do (cheap enough to call per batch).
     */
    void flush();

    /** Index of the last readable entry, 0 when the journal is empty. */
    long lastIndex();

    /**
     * Calls {@code consumer} for each readable entry with {@code from <= index <= to}, in order,
     * until it returns {@code false}. {@code to} may be {@link Long#MAX_VALUE}.
     *
     * @return the number of entries handed to the consumer
     * @throws JournalDamagedException when an index in the range is missing or unreadable; the
     *                                 entries before it have been handed to the consumer
     */
    long replay(long from, long to, EntryConsumer consumer);

    /**
     * A cursor that follows the journal from {@code from}, including entries appended after it was
     * opened; {@code from} may be beyond {@link #lastIndex()}, and the cursor then waits for that
     * index. The caller closes it; closing the journal closes its cursors.
     */
    JournalCursor follow(long from);

    /**
     * Reads the whole journal and reports whether every entry is readable, checksummed and
     * contiguous. Costs a full scan; safe to run while the journal is appended to.
     */
    VerifyReport verify();

    /**
     * {@link #verify()}, except for what the journal's last close vouched for: when that close came
     * after a verification that found the journal sound, and nothing has changed the journal since,
     * the report says so without reading an entry. Otherwise (a crash, a file written or touched
     * since, a close without a verification) it reads the whole journal, as {@link #verify()} does,
     * unless a verification during this open already read every entry there is now (its report is
     * returned again). Meant for a start, before anything is appended. A journal that keeps no seal
     * always verifies.
     */
    default VerifyReport verifyUnlessSealed() {
        return verify();
    }

    /**
     * Verifies only the entries from {@code from} to the end, as {@link #verify()} would judge them:
     * entry {@code from} (when the journal reaches it) is the first readable one at or after it, and
     * every later one is whole, checksummed and contiguous; corrupt frames after the last entry are a
     * torn tail. Entries before {@code from} are not judged, so the report vouches for nothing before
     * it: it neither lets {@link #close()} seal the journal nor stands in for {@link #verify()}. Costs
     * a read of the range (plus at most one roll cycle to find its start), not of the journal: what a
     * start replays is verified this way, the rest in the background (the engine's journal audit).
     * {@code from <= 1} is {@link #verify()}.
     */
    default VerifyReport verifyFrom(long from) {
        return verify();
    }

    /**
     * Whether the previous clean close vouched for the journal as it is now: {@link
     * #verifyUnlessSealed()} then reads nothing.
     */
    default boolean isSealed() {
        return false;
    }

    /**
     * Whether the previous close was clean and sealed the journal, but its files have changed since:
     * written, touched, replaced or damaged while nobody had it open (or the seal could not be trusted).
     * A crash leaves no seal at all, so this is not a crash: a start then verifies the whole journal.
     */
    default boolean sealBroken() {
        return false;
    }

    /** Receives entries during {@link #replay}. */
    @FunctionalInterface
    interface EntryConsumer {
        /** @return {@code false} to stop the replay */
        boolean accept(JournalEntry entry);
    }
}
