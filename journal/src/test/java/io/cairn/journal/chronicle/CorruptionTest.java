package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.cairn.journal.chronicle.Entries.append;
import static io.cairn.journal.chronicle.Entries.assertIsEntry;
import static io.cairn.journal.chronicle.Entries.replayAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void corruptEntryInTheMiddleIsAProblemWithItsPositionAndIsNeverReturned() throws Exception {
        write(10);
        corruptPayloadOf(5);

        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            assertEquals(10, journal.lastIndex(), "the tail is intact");
            VerifyReport report = journal.verify();
            assertFalse(report.ok());
            assertEquals(9, report.entries());
            assertEquals(List.of(), report.superseded());
            assertEquals(2, report.problems().size(), report.problems().toString());
            String corrupt = report.problems().get(0);
            assertTrue(corrupt.contains("CRC32C mismatch") && corrupt.contains("claims index 5")
                    && corrupt.contains("sequence 4"), corrupt);
            String gap = report.problems().get(1);
            assertTrue(gap.contains("gap") && gap.contains("expected 5") && gap.contains("sequence 5"), gap);

            List<JournalEntry> all = replayAll(journal, 1);
            assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), all.stream().map(JournalEntry::index).toList());
            all.forEach(e -> assertIsEntry(e.index(), e));

            List<JournalEntry> fromFive = replayAll(journal, 5);
            assertEquals(6, fromFive.get(0).index(), "a replay from the damaged index starts after it");
            try (JournalCursor cursor = journal.follow(4)) {
                assertIsEntry(4, cursor.next(1000).orElseThrow());
                assertIsEntry(6, cursor.next(1000).orElseThrow());
            }
            assertEquals(11, append(journal, 11), "appends continue after the last entry");
        }
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
            assertEquals(new VerifyReport(11, 1, 11, report.superseded(), List.of()), report);
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
}
