package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.JournalException;
import io.cairn.journal.JournalFullException;
import io.cairn.journal.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.cairn.journal.chronicle.Entries.append;
import static io.cairn.journal.chronicle.Entries.assertIsEntry;
import static io.cairn.journal.chronicle.Entries.replayAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleJournalTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void appendsGapFreeIndicesFromOneAndReplaysThemInOrder(Durability durability) {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, durability)) {
            assertEquals(0, journal.lastIndex());
            assertEquals(0, replayAll(journal, 1).size());
            for (long i = 1; i <= 500; i++) {
                assertEquals(i, append(journal, i));
                if (i % 100 == 0) {
                    journal.flush();
                }
            }
            journal.flush();
            assertEquals(500, journal.lastIndex());
            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(500, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertIsEntry(i + 1, all.get(i));
            }
            VerifyReport report = journal.verify();
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(new VerifyReport(500, 1, 500, List.of(), List.of(), 0), report);
        }
    }

    @Test
    void reopenContinuesTheSequence() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            for (long i = 1; i <= 10; i++) {
                append(journal, i);
            }
            journal.flush();
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(10, journal.lastIndex());
            assertEquals(11, append(journal, 11));
            journal.flush();
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(11, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertIsEntry(i + 1, all.get(i));
            }
        }
    }

    @Test
    void replayHonoursItsRangeAndStopsWhenTheConsumerSaysSo() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            for (long i = 1; i <= 100; i++) {
                append(journal, i);
            }
            List<Long> seen = new ArrayList<>();
            assertEquals(11, journal.replay(40, 50, e -> seen.add(e.index())));
            assertEquals(List.of(40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L), seen);

            seen.clear();
            assertEquals(3, journal.replay(90, Long.MAX_VALUE, e -> seen.add(e.index()) && e.index() < 92));
            assertEquals(List.of(90L, 91L, 92L), seen);

            assertEquals(0, journal.replay(101, Long.MAX_VALUE, e -> true));
            assertEquals(0, journal.replay(60, 59, e -> true));
            assertEquals(100, journal.replay(-5, Long.MAX_VALUE, e -> true));
            List<JournalEntry> tail = replayAll(journal, 100);
            assertEquals(1, tail.size());
            assertIsEntry(100, tail.get(0));
        }
    }

    /**
     * daemon.json's journal-roll-cycle applies to a new journal: a journal made hourly and reopened
     * with another cycle keeps its own (Chronicle reads it from the queue's metadata), so changing the
     * setting never makes existing entries unreadable.
     */
    @Test
    void aJournalReopenedWithAnotherRollCycleKeepsItsOwnAndReadsEverything() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleJournalOptions.defaults(Durability.PROCESS)
                .withRollPeriod(RollPeriod.HOURLY).withClock(clock))) {
            for (long i = 1; i <= 20; i++) {
                append(journal, i);
                if (i == 10) {
                    clock.advance(Duration.ofHours(1));
                }
            }
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleJournalOptions.defaults(Durability.PROCESS)
                .withRollPeriod(RollPeriod.DAILY).withClock(clock))) {
            assertEquals(RollPeriod.HOURLY.chronicleCycle().lengthInMillis(), journal.rollCycle().lengthInMillis());
            clock.advance(Duration.ofHours(1));
            append(journal, 21);
            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(21, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertIsEntry(i + 1, all.get(i));
            }
            assertTrue(journal.verify().ok());
        }
    }

    @Test
    void replayAndFollowFromTheMiddleAcrossRollCycles() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ChronicleJournalOptions options = ChronicleJournalOptions.defaults(Durability.PROCESS)
                .withRollPeriod(RollPeriod.FIVE_MINUTES).withClock(clock);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            // Four cycles of 25 entries each.
            for (long i = 1; i <= 100; i++) {
                append(journal, i);
                if (i % 25 == 0) {
                    clock.advance(Duration.ofMinutes(5));
                }
            }
        }
        long files = java.nio.file.Files.list(dir).filter(p -> p.toString().endsWith(".cq4")).count();
        assertEquals(4, files, "the test clock should have rolled the queue into four cycle files");
        // Reopen so that the cycle anchors are found by searching, not remembered by the writer.
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            for (long from : new long[]{1, 24, 25, 26, 50, 51, 74, 76, 99, 100}) {
                List<JournalEntry> got = replayAll(journal, from);
                assertEquals(101 - from, got.size(), "replay from " + from);
                for (int i = 0; i < got.size(); i++) {
                    assertIsEntry(from + i, got.get(i));
                }
            }
            try (JournalCursor cursor = journal.follow(48)) {
                for (long i = 48; i <= 100; i++) {
                    assertIsEntry(i, cursor.next(1000).orElseThrow());
                }
                assertEquals(Optional.empty(), cursor.next(0));
                append(journal, 101);
                assertIsEntry(101, cursor.next(1000).orElseThrow());
            }
            assertTrue(journal.verify().ok());
        }
    }

    @Test
    void followDeliversEntriesAppendedLaterByAnotherThread() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            append(journal, 1);
            try (JournalCursor cursor = journal.follow(2)) {
                assertEquals(Optional.empty(), cursor.next(20), "nothing after index 1 yet");
                CountDownLatch waiting = new CountDownLatch(1);
                CompletableFuture<List<JournalEntry>> reader = CompletableFuture.supplyAsync(() -> {
                    List<JournalEntry> got = new ArrayList<>();
                    try {
                        waiting.countDown();
                        while (got.size() < 50) {
                            cursor.next(10_000).ifPresent(got::add);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return got;
                });
                waiting.await();
                for (long i = 2; i <= 51; i++) {
                    append(journal, i);
                }
                List<JournalEntry> got = reader.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < got.size(); i++) {
                    assertIsEntry(i + 2, got.get(i));
                }
            }
        }
    }

    @Test
    void followBeyondTheEndWaitsForThatIndex() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            for (long i = 1; i <= 3; i++) {
                append(journal, i);
            }
            try (JournalCursor cursor = journal.follow(6)) {
                append(journal, 4);
                append(journal, 5);
                assertEquals(Optional.empty(), cursor.next(10));
                append(journal, 6);
                assertIsEntry(6, cursor.next(1000).orElseThrow());
            }
        }
    }

    @Test
    void closingTheJournalClosesItsCursorsAndRefusesFurtherUse() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS);
        append(journal, 1);
        JournalCursor cursor = journal.follow(1);
        assertIsEntry(1, cursor.next(100).orElseThrow());
        journal.close();
        JournalException cursorAfterClose = assertThrows(JournalException.class, () -> cursor.next(10));
        assertTrue(cursorAfterClose.getMessage().contains("closed"), cursorAfterClose.getMessage());
        JournalException appendAfterClose = assertThrows(JournalException.class, () -> append(journal, 2));
        assertTrue(appendAfterClose.getMessage().contains(dir.toString()), appendAfterClose.getMessage());
        assertThrows(JournalException.class, () -> journal.replay(1, 1, e -> true));
        cursor.close();
        journal.close(); // idempotent
    }

    @Test
    void aClosedCursorRefusesNext() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            JournalCursor cursor = journal.follow(1);
            cursor.close();
            assertThrows(IllegalStateException.class, () -> cursor.next(10));
            cursor.close(); // idempotent
        }
    }

    @Test
    void closingTheJournalWakesACursorBlockedInNext() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS);
        JournalCursor cursor = journal.follow(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Optional<JournalEntry>> blocked = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return cursor.next(TimeUnit.MINUTES.toMillis(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        started.await();
        while (!journal.signal().hasWaiters() && !blocked.isDone()) {
            Thread.onSpinWait(); // until the reader is parked, so that close must wake it
        }
        journal.close();
        // Without the wake-up the reader would sleep for ten minutes; the deadline only bounds the test.
        java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> blocked.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof JournalException, failure.getCause().toString());
        assertTrue(failure.getCause().getMessage().contains("closed"), failure.getCause().getMessage());
    }

    @Test
    void writeLockLeftByALivePidIsReleasedAtOpen() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            append(journal, 1);
        }
        // A predecessor died holding the lock and its pid now belongs to a live process (here:
        // this JVM). Chronicle would wait, then refuse to create an appender.
        try (var queue = net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(dir).build()) {
            queue.tableStorePut(ChronicleJournal.WRITE_LOCK_KEY, ProcessHandle.current().pid());
            assertEquals(ProcessHandle.current().pid(), queue.tableStoreGet(ChronicleJournal.WRITE_LOCK_KEY));
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            assertEquals(2, append(journal, 2));
            assertEquals(2, replayAll(journal, 1).size());
        }
    }

    @Test
    void appendBelowTheFreeSpaceReserveFailsAndWritesNothing() {
        ChronicleJournalOptions tooFull = ChronicleJournalOptions.defaults(Durability.PROCESS)
                .withFreeSpaceReserve(Long.MAX_VALUE / 2);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleJournalOptions.defaults(Durability.PROCESS))) {
            append(journal, 1);
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, tooFull)) {
            JournalFullException full = assertThrows(JournalFullException.class, () -> append(journal, 2));
            assertTrue(full.getMessage().contains(dir.toString()), full.getMessage());
            assertThrows(JournalFullException.class, () -> append(journal, 2), "still full: checked again");
            assertEquals(1, journal.lastIndex());
            assertEquals(1, replayAll(journal, 1).size());
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleJournalOptions.defaults(Durability.PROCESS))) {
            assertEquals(2, append(journal, 2), "the refused append left no trace");
        }
    }

    @Test
    void invalidEntriesAreRejectedWithoutConsumingAnIndex() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            assertThrows(IllegalArgumentException.class, () -> journal.append("", 1, 0, 0, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> journal.append("t", 1, 0, 0, null));
            assertEquals(0, journal.lastIndex());
            assertEquals(1, append(journal, 1));
        }
    }
}
