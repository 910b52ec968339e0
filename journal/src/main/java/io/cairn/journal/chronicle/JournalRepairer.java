package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.JournalException;
import io.cairn.journal.RepairReport;
import io.cairn.journal.VerifyReport;
import io.cairn.journal.frame.DecodedFrame;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cuts a damaged journal back to its last good entry. Chronicle files cannot be truncated in place,
 * so the good prefix is copied (entry by entry, every field kept) into {@code <dir>.repair}, synced,
 * and the directories are swapped: the damaged journal stays beside it as
 * {@code <dir>.damaged-<UTC time>}. Nothing is deleted. The caller must be the journal's only user
 * (the daemon stopped).
 */
final class JournalRepairer {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private JournalRepairer() {
    }

    static RepairReport repair(Path dir, ChronicleJournalOptions options) {
        Path scratch = dir.resolveSibling(dir.getFileName() + ".repair");
        long lastGood;
        List<RepairReport.Dropped> dropped;
        try (ChronicleJournal damaged = ChronicleJournal.open(dir, options)) {
            VerifyReport report = damaged.verify();
            if (report.ok()) {
                return new RepairReport(report.lastIndex(), List.of(), null);
            }
            lastGood = report.firstBadIndex() - 1;
            dropped = framesAfter(damaged, lastGood);
            deleteTree(scratch);
            try (ChronicleJournal copy = ChronicleJournal.open(scratch, options.withDurability(Durability.SYNC))) {
                damaged.replay(1, lastGood, entry -> {
                    copyEntry(copy, entry);
                    return true;
                });
                if (copy.lastIndex() != lastGood) {
                    throw new JournalException("journal " + dir + ": copied " + copy.lastIndex()
                            + " entries of the " + lastGood + " before the damage; nothing was changed");
                }
                copy.flush();
            }
        }
        Path kept = dir.resolveSibling(dir.getFileName() + ".damaged-" + STAMP.format(Instant.now()));
        try {
            Files.move(dir, kept, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(kept, dir, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            syncDirectory(dir.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot swap in the repaired copy " + scratch
                    + ": " + e.getMessage(), e);
        }
        return new RepairReport(lastGood, dropped, kept);
    }

    private static void copyEntry(ChronicleJournal copy, JournalEntry entry) {
        long index = copy.append(entry.type(), entry.schemaVersion(), entry.timeNanos(), entry.uid(), entry.payload());
        if (index != entry.index()) {
            throw new JournalException("repair copied entry " + entry.index() + " as index " + index);
        }
    }

    /** Every frame after the last good entry's, in queue order. */
    private static List<RepairReport.Dropped> framesAfter(ChronicleJournal journal, long lastGood) {
        List<RepairReport.Dropped> dropped = new ArrayList<>();
        var rollCycle = journal.rollCycle();
        try (EntryReader reader = journal.seekReader(1)) {
            reader.tailer().toStart();
            boolean past = lastGood == 0;
            Frame frame;
            while ((frame = reader.nextFrame()) != null) {
                String where = Position.describe(rollCycle, frame.chronicleIndex());
                if (frame.decoded() instanceof DecodedFrame.Valid valid) {
                    JournalEntry entry = valid.entry();
                    if (past) {
                        dropped.add(new RepairReport.Dropped(entry.index(), entry.type(), "", where));
                    } else if (entry.index() == lastGood) {
                        past = true;
                    }
                } else if (past) {
                    DecodedFrame.Corrupt corrupt = (DecodedFrame.Corrupt) frame.decoded();
                    dropped.add(new RepairReport.Dropped(corrupt.claimedIndex(), "", corrupt.reason(), where));
                }
            }
        }
        return dropped;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new JournalException("cannot remove the leftover of an earlier repair " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
