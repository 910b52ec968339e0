package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.cairn.journal.chronicle.Entries.append;
import static io.cairn.journal.chronicle.Entries.assertIsEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A seek must read a handful of frames, not scan the journal from its first entry. */
class IndexMapTest {

    private static final int CYCLES = 8;
    private static final int PER_CYCLE = 500;

    @TempDir
    Path dir;

    private ChronicleJournalOptions writeCycles() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        ChronicleJournalOptions options = ChronicleJournalOptions.defaults(Durability.PROCESS)
                .withRollPeriod(RollPeriod.FIVE_MINUTES).withClock(clock);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            for (long i = 1; i <= (long) CYCLES * PER_CYCLE; i++) {
                append(journal, i);
                if (i % PER_CYCLE == 0 && i < (long) CYCLES * PER_CYCLE) { // stay in the last cycle
                    clock.advance(Duration.ofMinutes(5));
                }
            }
        }
        return options;
    }

    @Test
    void seekReadsFewFramesWhereverTheTargetIs() {
        ChronicleJournalOptions options = writeCycles();
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            for (long target : new long[]{1, 2, 499, 500, 501, 1234, 2500, 3001, 3999, 4000}) {
                try (EntryReader reader = journal.seekReader(target)) {
                    assertIsEntry(target, reader.next(target));
                    // A binary search over 8 cycles reads at most 4 anchors (each one frame) plus
                    // the predicted frame; a scan would read up to 4000.
                    assertTrue(reader.framesRead() <= 6,
                            "seek to " + target + " read " + reader.framesRead() + " frames");
                }
            }
        }
    }

    @Test
    void seekPastTheEndStartsAtTheLastEntryAndSeesLaterAppends() {
        ChronicleJournalOptions options = writeCycles();
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            long last = journal.lastIndex();
            try (EntryReader reader = journal.seekReader(last + 1)) {
                assertNull(reader.next(last + 1));
                assertEquals(1, reader.framesRead(), "only the last entry is read");
                append(journal, last + 1);
                assertIsEntry(last + 1, reader.next(last + 1));
            }
        }
    }

    @Test
    void appendingAfterReopenDoesNotMistakeItsEntryForTheCycleStart() {
        ChronicleJournalOptions options = writeCycles();
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options)) {
            long last = journal.lastIndex();
            append(journal, last + 1); // lands in the last cycle, which already holds 500 entries
            long early = last - PER_CYCLE + 10;
            try (EntryReader reader = journal.seekReader(early)) {
                assertIsEntry(early, reader.next(early));
                assertTrue(reader.framesRead() <= 6, "seek to " + early + " read " + reader.framesRead() + " frames");
            }
        }
    }
}
