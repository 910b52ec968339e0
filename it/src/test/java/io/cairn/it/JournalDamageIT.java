package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.state.Families;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The journal fails closed, through the CLI and real daemons: a corrupt entry in the middle stops the
 * daemon naming its index and deletes nothing; {@code journal verify} and {@code journal repair} work
 * with the daemon down; a torn tail is still recovered; {@code journal rebuild} never swaps in a
 * differing index without {@code --force}.
 */
class JournalDamageIT {

    /** Three volumes: journal entries daemon start (1), creates (2, 3, 4), daemon stop (5). */
    private static void threeVolumes(Cairn cairn) throws Exception {
        for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
            cairn.run("volume", "create", name).ok();
        }
        cairn.stopDaemon();
    }

    @Test
    void aCorruptEntryInTheMiddleStopsTheDaemonNamingItAndRepairBringsTheRootBack() throws Exception {
        try (Cairn cairn = new Cairn()) {
            threeVolumes(cairn);
            flipByte(cairn.root().resolve("journal"), "vol-bravo");

            Exec.Result refused = cairn.run("volume", "ls");
            assertNotEquals(0, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("damaged at index 3"), refused.toString());
            assertTrue(Files.readString(cairn.root().resolve("daemon.log")).contains("damaged at index 3"));
            Exec.Result daemon = cairn.run("daemon");
            assertEquals(1, daemon.exit(), daemon.toString());
            assertTrue(daemon.err().contains("damaged at index 3") && daemon.err().contains("cairn journal repair"),
                    daemon.toString());
            for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
                assertTrue(Files.isDirectory(cairn.root().resolve("volumes").resolve(name)), name + " is still on disk");
            }

            Exec.Result verify = cairn.run("journal", "verify");
            assertEquals(1, verify.exit(), verify.toString());
            assertTrue(verify.out().contains("first bad index 3") && verify.out().contains("CRC32C mismatch"),
                    verify.toString());
            assertEquals(-1, cairn.daemonPid(), "verify read the journal itself; it started no daemon");

            Exec.Result repair = cairn.run("journal", "repair").ok();
            String report = repair.out();
            assertTrue(report.contains("cut back to index 2"), report);
            assertTrue(report.contains("dropped unreadable frame claiming index 3: CRC32C mismatch"), report);
            assertTrue(report.contains("dropped index 4 volume.create"), report);
            assertTrue(report.contains("dropped index 5 daemon.stop"), report);
            assertTrue(report.contains("damaged journal kept in " + cairn.root().resolve("journal.damaged-")), report);
            assertTrue(report.contains("moved to lost+found (unknown to the repaired journal): "
                    + cairn.root().resolve("volumes/vol-bravo")), report);
            Path lostFound;
            try (Stream<Path> stamps = Files.list(cairn.root().resolve("lost+found"))) {
                lostFound = stamps.findFirst().orElseThrow();
            }
            assertTrue(Files.isDirectory(lostFound.resolve("volumes/vol-bravo")));
            assertTrue(Files.isDirectory(lostFound.resolve("volumes/vol-charlie")));

            cairn.run("journal", "verify").ok();
            assertEquals(List.of("vol-alpha"), cairn.run("volume", "ls", "-q").ok().lines(), "the daemon starts");
            cairn.run("journal", "verify").ok();
            cairn.run("system", "check").ok();

            Exec.Result busy = cairn.run("journal", "repair");
            assertEquals(1, busy.exit(), busy.toString());
            assertTrue(busy.err().contains("a daemon is running on " + cairn.root()), busy.toString());
        }
    }

    @Test
    void aTornLastFrameIsStillToleratedAsBefore() throws Exception {
        try (Cairn cairn = new Cairn()) {
            threeVolumes(cairn);
            appendTornFrame(cairn.root().resolve("journal"), 6);

            Exec.Result verify = cairn.run("journal", "verify").ok();
            assertTrue(verify.out().contains("torn tail") && verify.out().contains("reuses index 6"), verify.toString());
            assertEquals(List.of("vol-alpha", "vol-bravo", "vol-charlie"), cairn.run("volume", "ls", "-q").ok().lines());
            Exec.Result after = cairn.run("journal", "verify").ok();
            assertTrue(after.out().contains("superseded by index 6"), after.toString());
        }
    }

    @Test
    void rebuildKeepsADifferingLiveIndexUnlessForced() throws Exception {
        try (Cairn cairn = new Cairn()) {
            cairn.run("volume", "create", "vol-alpha").ok();
            String journalDigest = cairn.run("system", "digest").ok().out().strip();
            cairn.stopDaemon();
            try (RocksIndexStore index = RocksIndexStore.open(cairn.root().resolve("index"), Families.ALL, true)) {
                index.write(new IndexBatch().put(Families.TAGS, "ghost".getBytes(StandardCharsets.UTF_8),
                        "x".getBytes(StandardCharsets.UTF_8)));
            }
            String live = cairn.run("system", "digest").ok().out().strip();
            assertNotEquals(journalDigest, live);

            Exec.Result kept = cairn.run("journal", "rebuild");
            assertEquals(1, kept.exit(), kept.toString());
            assertTrue(kept.out().contains("before: " + live) && kept.out().contains("after:  " + journalDigest), kept.toString());
            assertTrue(kept.err().contains("the live index is kept"), kept.toString());
            assertEquals(live, cairn.run("system", "digest").ok().out().strip(), "nothing was swapped");

            Exec.Result forced = cairn.run("journal", "rebuild", "--force");
            assertEquals(1, forced.exit(), forced.toString());
            assertTrue(forced.err().contains("is now live"), forced.toString());
            assertEquals(journalDigest, cairn.run("system", "digest").ok().out().strip());
            cairn.run("journal", "rebuild").ok();
        }
    }

    @Test
    void afterACrashDamageInWhatTheIndexHoldsIsReportedByTheAuditNotAcceptedSilently() throws Exception {
        try (Cairn cairn = new Cairn()) {
            for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
                cairn.run("volume", "create", name).ok();
            }
            cairn.stopDaemon(true); // SIGKILL: no seal; the index holds every entry
            flipByte(cairn.root().resolve("journal"), "vol-bravo");

            assertEquals(List.of("vol-alpha", "vol-bravo", "vol-charlie"), cairn.run("volume", "ls", "-q").ok().lines(),
                    "the start verifies what it replays; the live state, indexed when sound, is served");
            Exec.Result check = cairn.run("system", "check");
            assertEquals(1, check.exit(), check.toString());
            assertTrue(check.toString().contains("journal audit: the journal is damaged at index 3"), check.toString());
            Exec.Result info = cairn.run("info").ok();
            assertTrue(info.err().contains("WARNING: journal audit: the journal is damaged at index 3"), info.toString());
            Exec.Result rebuild = cairn.run("journal", "rebuild");
            assertNotEquals(0, rebuild.exit(), rebuild.toString());
            assertTrue(rebuild.err().contains("damaged at index 3"), rebuild.toString());
            assertTrue(Files.readString(cairn.root().resolve("daemon.log")).contains("journal audit: the journal is damaged"));
            for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
                assertTrue(Files.isDirectory(cairn.root().resolve("volumes").resolve(name)), name + " is still on disk");
            }
        }
    }

    @Test
    void afterACrashDamageInWhatTheIndexLacksStillStopsTheStart() throws Exception {
        try (Cairn cairn = new Cairn()) {
            cairn.run("volume", "create", "vol-alpha").ok(); // entry 2
            cairn.run("volume", "create", "vol-bravo").ok(); // entry 3: the damage at 2 is not a torn tail
            cairn.stopDaemon(true);
            try (RocksIndexStore index = RocksIndexStore.open(cairn.root().resolve("index"), Families.ALL, true)) {
                index.write(new IndexBatch().lastApplied(1)); // as if the crash came before entry 2 was indexed
            }
            flipByte(cairn.root().resolve("journal"), "vol-alpha");
            Exec.Result refused = cairn.run("volume", "ls");
            assertNotEquals(0, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("damaged at index 2"), refused.toString());
            assertTrue(Files.isDirectory(cairn.root().resolve("volumes/vol-alpha")), "nothing was deleted");
            assertTrue(Files.isDirectory(cairn.root().resolve("volumes/vol-bravo")), "nothing was deleted");
        }
    }

    @Test
    void aSnapshotRebuildGivesTheJournalsDigestThroughTheCli() throws Exception {
        try (Cairn cairn = new Cairn()) {
            cairn.run("volume", "create", "vol-alpha").ok();
            Exec.Result taken = cairn.run("journal", "snapshot").ok();
            assertTrue(taken.out().contains("snapshot at entry ") && taken.out().contains(
                    cairn.root().resolve("snapshots").toString()), taken.toString());
            cairn.run("volume", "create", "vol-bravo").ok();
            String live = cairn.run("system", "digest").ok().out().strip();
            Exec.Result fromSnapshot = cairn.run("journal", "rebuild").ok();
            assertTrue(fromSnapshot.out().contains("after the snapshot at entry"), fromSnapshot.toString());
            assertTrue(fromSnapshot.out().contains("after:  " + live), fromSnapshot.toString());
            Exec.Result fromStart = cairn.run("journal", "rebuild", "--from-start").ok();
            assertTrue(fromStart.out().contains("from entry 1") && fromStart.out().contains("after:  " + live),
                    fromStart.toString());
            assertEquals(1, cairn.run("journal", "snapshot", "--list").ok().lines().size());
        }
    }

    /** Flips one byte of the first journal entry whose payload contains {@code marker}. */
    static void flipByte(Path journal, String marker) throws Exception {
        Located at = locate(journal, marker);
        try (RandomAccessFile raf = new RandomAccessFile(at.file.toFile(), "rw")) {
            raf.seek(at.offset);
            raf.write(at.content[at.offset] ^ 0x20);
        }
    }

    /**
     * Appends the first half of a frame claiming {@code index}, as a daemon killed in the middle of an
     * append leaves it: never acknowledged, never indexed.
     */
    private static void appendTornFrame(Path journal, long index) {
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(1024);
        io.cairn.journal.frame.EntryFrame.encode(frame, index, "volume.create", 1, System.nanoTime(), 0,
                "{\"name\":\"vol-torn\"}".getBytes(StandardCharsets.UTF_8));
        try (var queue = net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(journal).build();
             var appender = queue.createAppender();
             var document = appender.writingDocument()) {
            document.wire().bytes().write(frame.array(), 0, frame.position() / 2);
        }
    }

    private record Located(Path file, byte[] content, int offset) {
    }

    private static Located locate(Path journal, String marker) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(journal)) {
            files = list.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            String text = new String(content, StandardCharsets.ISO_8859_1);
            int at = text.indexOf(marker);
            if (at >= 0) {
                return new Located(file, content, at);
            }
        }
        throw new AssertionError("no entry in " + journal + " holds " + marker);
    }
}
