package io.cairn.journal.chronicle;

import static io.cairn.journal.chronicle.Entries.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.journal.Durability;
import io.cairn.journal.VerifyReport;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean close after a sound verification seals the journal; the next open trusts the seal only
 * while the files are exactly as that close left them, and never twice.
 */
class JournalSealTest {

    @TempDir
    Path dir;

    /** Opens, verifies (with the seal when there is one), appends {@code more} entries and closes. */
    private VerifyReport session(int more) {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            VerifyReport report = journal.verifyUnlessSealed();
            long last = journal.lastIndex();
            for (long i = 1; i <= more; i++) {
                append(journal, last + i);
            }
            return report;
        }
    }

    private Optional<Long> sealAtOpen() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            return journal.sealed();
        }
    }

    @Test
    void aVerifiedCleanCloseVouchesForEveryEntryItLeft() {
        session(10);
        assertTrue(Files.exists(dir.resolve(JournalSeal.FILE)));
        VerifyReport vouched = session(5);
        assertTrue(vouched.ok());
        assertEquals(10, vouched.lastIndex());
        assertEquals(10, vouched.entries());
        assertEquals(Optional.of(15L), sealAtOpen(), "the second close sealed what it appended too");
    }

    @Test
    void aCloseWithoutVerificationLeavesNoSealAndAnOpenConsumesIt() {
        session(3);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            assertEquals(Optional.of(3L), journal.sealed());
            assertFalse(Files.exists(dir.resolve(JournalSeal.FILE)), "consumed: a crash now leaves none");
            append(journal, 4);
        }
        assertEquals(Optional.empty(), sealAtOpen(), "that close did not verify");
    }

    @Test
    void aFileWrittenAfterTheCloseIsVerifiedWholeAndItsDamageFound() throws Exception {
        session(10);
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] marker = Entries.payload(5);
        byte[] content = Files.readAllBytes(file);
        int at = indexOf(content, marker);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(content[at] ^ 0x5a);
        }

        VerifyReport report = session(0);

        assertFalse(report.ok(), report.toString());
        assertEquals(5, report.firstBadIndex());
    }

    @Test
    void aSealThatDoesNotParseVouchesForNothing() throws Exception {
        session(4);
        Files.writeString(dir.resolve(JournalSeal.FILE), "cairn-journal-seal 1\nlast 4\nfile x\n");
        assertEquals(Optional.empty(), sealAtOpen());
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
        throw new AssertionError("needle not found");
    }
}
