package io.cairn.journal.chronicle;

import static io.cairn.journal.chronicle.Entries.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        flipPayloadByte(5);

        VerifyReport report = session(0);

        assertFalse(report.ok(), report.toString());
        assertEquals(5, report.firstBadIndex());
    }

    /** A start verifies on one thread and asks again on another: an unchanged journal is read once. */
    @Test
    void aVerificationIsNotRepeatedUntilSomethingIsAppended() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.PROCESS)) {
            for (long i = 1; i <= 10; i++) {
                append(journal, i);
            }
            VerifyReport first = journal.verifyUnlessSealed();
            assertTrue(first.ok());
            flipPayloadByte(5); // not read again: the report of the verification above comes back
            assertSame(first, journal.verifyUnlessSealed());
            append(journal, 11);
            VerifyReport after = journal.verifyUnlessSealed();
            assertFalse(after.ok(), "an append since: read whole again");
            assertEquals(5, after.firstBadIndex());
        }
    }

    @Test
    void aSealThatDoesNotParseVouchesForNothing() throws Exception {
        session(4);
        Files.writeString(dir.resolve(JournalSeal.FILE), "cairn-journal-seal 1\nlast 4\nfile x\n");
        assertEquals(Optional.empty(), sealAtOpen());
    }

    /** Flips the first byte of entry {@code index}'s payload in the queue file, as a bad sector would. */
    private void flipPayloadByte(long index) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] marker = Entries.payload(index);
        byte[] content = Files.readAllBytes(file);
        int at = indexOf(content, marker);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(content[at] ^ 0x5a);
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
        throw new AssertionError("needle not found");
    }
}
