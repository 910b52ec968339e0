package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalDamagedException;
import io.cairn.journal.RepairReport;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.cairn.journal.chronicle.Entries.append;
import static io.cairn.journal.chronicle.Entries.assertIsEntry;
import static io.cairn.journal.chronicle.Entries.replayAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damage entries on disk, the way a bad sector or a torn write would, and read them back. */
class CorruptionTest {

    @TempDir
    Path dir;

    private void write(long count) {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            for (long i = 1; i <= count; i++) {
                append(journal, i);
            }
            journal.flush();
        }
    }

    /** Flips one byte of entry {@code index}'s payload in the queue file. */
    private void corruptPayloadOf(long index) throws IOException {
        byte[] marker = Entries.payload(index);
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(file);
        int at = indexOf(content, marker);
        assertTrue(at > 0, "payload of entry " + index + " not found in " + file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + marker.length - 1);
            raf.write(content[at + marker.length - 1] ^ 0x5a);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void corruptEntryInTheMiddleIsAProblemWithItsPositionAndReadersFailClosedAtIt() throws Exception {
        write(10);
        corruptPayloadOf(5);

        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(10, journal.lastIndex(), "the tail is intact");
            VerifyReport report = journal.verify();
            assertFalse(report.ok());
            assertEquals(5, report.firstBadIndex());
            assertEquals(9, report.entries());
            assertEquals(List.of(), report.superseded());
            assertEquals(2, report.problems().size(), report.problems().toString());
            String corrupt = report.problems().get(0);
            assertTrue(corrupt.contains("CRC32C mismatch") && corrupt.contains("claims index 5")
                    && corrupt.contains("sequence 4"), corrupt);
            String gap = report.problems().get(1);
            assertTrue(gap.contains("gap") && gap.contains("expected 5") && gap.contains("sequence 5"), gap);
            assertTrue(report.summary().startsWith("damaged at index 5: "), report.summary());

            // A replay hands out 1..4, then stops at the damage instead of skipping to 6.
            List<JournalEntry> seen = new ArrayList<>();
            JournalDamagedException replayed = assertThrows(JournalDamagedException.class,
                    () -> journal.replay(1, Long.MAX_VALUE, seen::add));
            assertEquals(5, replayed.firstBadIndex());
            assertTrue(replayed.getMessage().contains("index 5"), replayed.getMessage());
            assertEquals(List.of(1L, 2L, 3L, 4L), seen.stream().map(JournalEntry::index).toList());
            seen.forEach(e -> assertIsEntry(e.index(), e));

            assertEquals(5, assertThrows(JournalDamagedException.class, () -> replayAll(journal, 5)).firstBadIndex(),
                    "a replay from the damaged index never starts after it");
            assertEquals(5, assertThrows(JournalDamagedException.class, () -> replayAll(journal, 3)).firstBadIndex());
            assertEquals(2, journal.replay(6, 7, e -> true), "a range after the damage is whole");
            assertEquals(4, journal.replay(1, 4, e -> true), "so is one before it");
            try (JournalCursor cursor = journal.follow(4)) {
                assertIsEntry(4, cursor.next(1000).orElseThrow());
                assertEquals(5, assertThrows(JournalDamagedException.class, () -> cursor.next(1000)).firstBadIndex(),
                        "a follower never skips to 6");
            }
        }
    }

    @Test
    void aGapWithoutAnyCorruptFrameIsDamageToo() throws Exception {
        // Two journals glued together: 1..3, then entries that claim 6..8 (4 and 5 never written).
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            for (long i = 1; i <= 3; i++) {
                append(journal, i);
            }
        }
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue =
                     net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(dir).build();
             net.openhft.chronicle.queue.ExcerptAppender appender = queue.createAppender()) {
            for (long i = 6; i <= 8; i++) {
                java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(1024);
                io.cairn.journal.frame.EntryFrame.encode(frame, i, Entries.type(i), 1, i, 0, Entries.payload(i));
                try (net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(frame.array(), 0, frame.position());
                }
            }
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            VerifyReport report = journal.verify();
            assertEquals(4, report.firstBadIndex(), report.toString());
            assertEquals(4, assertThrows(JournalDamagedException.class, () -> replayAll(journal, 1)).firstBadIndex());
            assertEquals(4, assertThrows(JournalDamagedException.class, () -> replayAll(journal, 4)).firstBadIndex());
        }
    }

    @Test
    void repairCutsBackToTheLastGoodEntryKeepsTheDamagedCopyAndReportsWhatItDropped() throws Exception {
        write(10);
        corruptPayloadOf(5);

        RepairReport repair = ChronicleJournal.repair(dir, ChronicleJournalOptions.defaults(Durability.SYNC));
        assertTrue(repair.repaired());
        assertEquals(4, repair.kept());
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), repair.dropped().stream().map(RepairReport.Dropped::index).toList());
        RepairReport.Dropped bad = repair.dropped().get(0);
        assertFalse(bad.readable());
        assertTrue(bad.problem().contains("CRC32C mismatch"), bad.problem());
        RepairReport.Dropped after = repair.dropped().get(1);
        assertTrue(after.readable());
        assertEquals(Entries.type(6), after.type());
        assertTrue(Files.isDirectory(repair.damagedCopy()), "the damaged journal is kept: " + repair.damagedCopy());
        assertEquals(dir.getParent(), repair.damagedCopy().getParent());

        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(4, journal.lastIndex());
            VerifyReport report = journal.verify();
            assertTrue(report.ok(), report.problems().toString());
            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(4, all.size());
            all.forEach(e -> assertIsEntry(e.index(), e));
            assertEquals(5, append(journal, 5), "appends continue after the cut");
        }
        RepairReport again = ChronicleJournal.repair(dir, ChronicleJournalOptions.defaults(Durability.SYNC));
        assertFalse(again.repaired(), "a sound journal is left alone");
        assertEquals(5, again.kept());
    }

    @Test
    void corruptTailIsRecoveredItsIndexReusedAndReportedAsSuperseded() throws Exception {
        write(10);
        corruptPayloadOf(10);

        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(9, journal.lastIndex(), "recovery drops the torn last entry");
            VerifyReport torn = journal.verify();
            assertTrue(torn.ok(), torn.problems().toString());
            assertEquals(1, torn.superseded().size());
            assertTrue(torn.superseded().get(0).contains("reuses index 10"), torn.superseded().get(0));
            try (JournalCursor cursor = journal.follow(9)) {
                assertIsEntry(9, cursor.next(1000).orElseThrow());
                assertEquals(Optional.empty(), cursor.next(10), "the torn entry is never returned");

                assertEquals(10, append(journal, 10));
                assertEquals(11, append(journal, 11));
                journal.flush();
                assertIsEntry(10, cursor.next(1000).orElseThrow());
                assertIsEntry(11, cursor.next(1000).orElseThrow());
            }
            VerifyReport report = journal.verify();
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(new VerifyReport(11, 1, 11, report.superseded(), List.of(), 0), report);
            assertEquals(1, report.superseded().size());
            String superseded = report.superseded().get(0);
            assertTrue(superseded.contains("claims index 10") && superseded.contains("sequence 9")
                    && superseded.contains("superseded by index 10") && superseded.contains("sequence 10"), superseded);
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(11, journal.lastIndex());
            // The seek's estimate for 10 lands on the superseded frame and must scan forward.
            List<JournalEntry> fromTen = replayAll(journal, 10);
            assertEquals(2, fromTen.size());
            assertIsEntry(10, fromTen.get(0));
            assertIsEntry(11, fromTen.get(1));
            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(11, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertIsEntry(i + 1, all.get(i));
            }
        }
    }

    @Test
    void verifyFromJudgesOnlyTheRangeAndFindsDamageInIt() throws Exception {
        write(10);
        corruptPayloadOf(5);

        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            VerifyReport after = journal.verifyFrom(7);
            assertTrue(after.ok(), after.problems().toString());
            assertEquals(new VerifyReport(4, 7, 10, List.of(), List.of(), 0), after);
            VerifyReport next = journal.verifyFrom(6);
            assertTrue(next.ok() && next.superseded().isEmpty(), "the bad frame 5 lies before the range: " + next);
            assertEquals(5, next.entries());

            VerifyReport at = journal.verifyFrom(5);
            assertFalse(at.ok(), "entry 5 is the range's first and unreadable");
            assertEquals(5, at.firstBadIndex());
            VerifyReport before = journal.verifyFrom(3);
            assertEquals(5, before.firstBadIndex());

            VerifyReport beyond = journal.verifyFrom(11);
            assertTrue(beyond.ok());
            assertEquals(0, beyond.entries());
            assertEquals(journal.verify(), journal.verifyFrom(1), "from 1 is the whole verification");
        }
    }

    @Test
    void verifyFromNeitherSealsNorStandsInForAWholeVerification() throws Exception {
        write(10);
        corruptPayloadOf(5);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertTrue(journal.verifyFrom(8).ok());
            assertFalse(journal.isSealed());
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertFalse(journal.isSealed(), "a partial verification left no seal behind");
            assertFalse(journal.verifyUnlessSealed().ok());
        }
    }

    @Test
    void verifyFromJudgesATornFrameTheNextAppendSuperseded() throws Exception {
        write(10);
        corruptPayloadOf(10);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            append(journal, 10);
            append(journal, 11);
            journal.flush();
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            VerifyReport report = journal.verifyFrom(10);
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(2, report.entries());
            assertEquals(1, report.superseded().size(), report.toString());
        }
    }

    @Test
    void aSealTheFilesNoLongerMatchIsBrokenWhileACrashLeavesNoneToBreak() throws Exception {
        write(10); // closed without a verification: nothing sealed, as after a crash
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertFalse(journal.isSealed());
            assertFalse(journal.sealBroken(), "no seal is not a broken one");
            assertTrue(journal.verify().ok());
        }
        corruptPayloadOf(5); // after a clean, sealed close
        for (int open = 1; open <= 2; open++) { // the open that found it broken must not make the next see a crash
            try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
                assertFalse(journal.isSealed());
                assertTrue(journal.sealBroken(), "open " + open);
            }
        }
    }

    @Test
    void aBrokenSealIsForgottenOnceAWholeVerificationFindsTheJournalSound() throws Exception {
        write(10);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertTrue(journal.verify().ok()); // the close seals it
        }
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertTrue(journal.sealBroken(), "touched after the clean close");
            assertTrue(journal.verifyFrom(5).ok());
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertTrue(journal.sealBroken(), "a partial verification vouches for nothing");
            assertTrue(journal.verify().ok());
            assertFalse(journal.isSealed());
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertFalse(journal.sealBroken());
            assertTrue(journal.isSealed(), "the close after the whole verification sealed it again");
        }
    }
}
