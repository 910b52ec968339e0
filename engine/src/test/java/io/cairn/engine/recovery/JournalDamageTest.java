package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Engine;
import io.cairn.engine.Projections;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.TestEngines;
import io.cairn.api.EngineFailureException;
import io.cairn.api.Filters;
import io.cairn.api.RebuildReport;
import io.cairn.api.Volume;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.state.Families;
import io.cairn.journal.RepairReport;
import io.cairn.storage.index.IndexBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged journal fails closed: the engine does not open on it, deletes nothing on its strength,
 * and {@link RootRepair} brings the root back without losing the data the dropped entries created.
 */
class JournalDamageTest {

    @TempDir
    Path root;

    private final TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();

    /** daemon start (1), three volume creates (2..4), daemon stop (5). */
    private void threeVolumes() {
        try (Engine engine = TestEngines.open(root, index)) {
            for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
                engine.volumes().create(new VolumeCreateRequest(name, null, null, null), 0);
            }
        }
    }

    @Test
    void aCorruptEntryTheIndexAlreadyHoldsIsReportedByTheAuditNotSilentlyAccepted() throws Exception {
        threeVolumes();
        crashed();
        JournalDamage.flipByteOf(root.resolve("journal"), "vol-bravo"); // index 3, applied before the damage

        for (int start = 1; start <= 2; start++) { // no clean stop seals a damaged journal: every start reports it
            try (Engine engine = TestEngines.open(root, index)) {
                assertEquals(List.of("vol-alpha", "vol-bravo", "vol-charlie"), engine.volumes().list(Filters.none())
                        .stream().map(Volume::name).sorted().toList(), "the live state, indexed when sound, is served");
                var check = engine.check(); // waits for the audit
                assertFalse(check.ok());
                assertTrue(check.problems().stream().anyMatch(p -> p.contains("damaged at index 3")
                        && p.contains("cairn journal repair")), check.problems().toString());
                assertEquals(1, engine.warnings().size(), "start " + start);
                assertTrue(engine.warnings().get(0).contains("damaged at index 3"), engine.warnings().get(0));
                EngineFailureException rebuild = assertThrows(EngineFailureException.class, engine::rebuild);
                assertTrue(rebuild.getMessage().contains("damaged at index 3"), rebuild.getMessage());
            }
        }
        for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
            assertTrue(Files.isDirectory(root.resolve("volumes").resolve(name)), name + " is still on disk");
        }
    }

    @Test
    void aCorruptEntryTheIndexLacksStopsTheStartNamingItsIndexAndDeletesNothing() throws Exception {
        threeVolumes();
        crashed();
        index.open().write(new IndexBatch().lastApplied(3)); // a crash before entries 4 and 5 were indexed
        JournalDamage.flipByteOf(root.resolve("journal"), "vol-charlie");

        EngineFailureException refused = assertThrows(EngineFailureException.class, () -> TestEngines.open(root, index));
        assertTrue(refused.getMessage().contains("damaged at index 4")
                && refused.getMessage().contains("cairn journal repair"), refused.getMessage());
        index.wipe(); // with no index at all, the whole journal is replayed and so verified before
        refused = assertThrows(EngineFailureException.class, () -> TestEngines.open(root, index));
        assertTrue(refused.getMessage().contains("damaged at index 4"), refused.getMessage());
        for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
            assertTrue(Files.isDirectory(root.resolve("volumes").resolve(name)), name + " is still on disk");
        }
    }

    @Test
    void anUndamagedJournalAfterACrashPassesTheAudit() throws Exception {
        threeVolumes();
        index.open().write(new IndexBatch().lastApplied(3));
        crashed();
        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.check().ok(), engine.check().problems().toString());
            assertEquals(List.of(), engine.warnings());
            assertEquals(2, engine.replayedAtOpen());
        }
    }

    /** What a SIGKILL leaves: no seal of a clean stop. */
    private void crashed() throws java.io.IOException {
        assertTrue(Files.deleteIfExists(root.resolve("journal/cairn-clean-close.seal")), "the clean stop sealed it");
    }

    @Test
    void aJournalChangedAfterACleanStopIsVerifiedWholeAndStopsTheStart() throws Exception {
        threeVolumes(); // sealed: and then a file changes while no engine has it open, which no crash does
        JournalDamage.flipByteOf(root.resolve("journal"), "vol-bravo");

        for (int start = 1; start <= 2; start++) { // a refused start leaves no crash behind for the next one
            EngineFailureException refused = assertThrows(EngineFailureException.class,
                    () -> TestEngines.open(root, index));
            assertTrue(refused.getMessage().contains("damaged at index 3")
                    && refused.getMessage().contains("cairn journal repair"), refused.getMessage());
        }
        for (String name : List.of("vol-alpha", "vol-bravo", "vol-charlie")) {
            assertTrue(Files.isDirectory(root.resolve("volumes").resolve(name)), name + " is still on disk");
        }
    }

    @Test
    void aCorruptFirstEntryIsDamageNotATornTail() throws Exception {
        threeVolumes();
        JournalDamage.flipByteOf(root.resolve("journal"), "\"pid\""); // the first match is the start, index 1
        index.wipe();
        EngineFailureException refused = assertThrows(EngineFailureException.class, () -> TestEngines.open(root, index));
        assertTrue(refused.getMessage().contains("damaged at index 1"), refused.getMessage());
    }

    @Test
    void aCorruptLastEntryIsATornTailAndTheEngineOpens() throws Exception {
        threeVolumes();
        truncateLastStop(root.resolve("journal"));
        index.wipe();
        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.verifyJournal().ok(), engine.verifyJournal().problems().toString());
            assertEquals(List.of("vol-alpha", "vol-bravo", "vol-charlie"), engine.volumes().list(Filters.none()).stream()
                    .map(Volume::name).sorted().toList());
            assertEquals(5, engine.journalIndex(), "this start reused the torn stop's index 5");
        }
    }

    @Test
    void aCorruptLastEntryTheIndexAppliedStopsTheStartAndRepairRebuildsTheIndex() throws Exception {
        threeVolumes();
        truncateLastStop(root.resolve("journal")); // the stop (5) was indexed before the damage
        EngineFailureException refused = assertThrows(EngineFailureException.class, () -> TestEngines.open(root, index));
        assertTrue(refused.getMessage().contains("index is at journal entry 5")
                && refused.getMessage().contains("cairn journal repair"), refused.getMessage());

        RootRepair.Outcome outcome = new RootRepair(new RootLayout(root), index, Projections.all()).run();
        assertTrue(outcome.changed());
        assertFalse(outcome.journal().repaired(), "the journal itself verifies");
        assertEquals(5, outcome.indexWasAt());
        assertEquals(List.of(), outcome.salvaged());
        try (Engine engine = TestEngines.open(root, index)) {
            assertEquals(List.of("vol-alpha", "vol-bravo", "vol-charlie"), engine.volumes().list(Filters.none()).stream()
                    .map(Volume::name).sorted().toList());
        }
    }

    /** Corrupts the last entry (the clean stop), as a write torn by a crash would. */
    private static void truncateLastStop(Path journal) throws Exception {
        // the stop entry is the last frame; its payload ends the data written to the queue file
        Path file;
        try (Stream<Path> files = Files.list(journal)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("\"pid\"");
        assertTrue(at > 0);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(new byte[8]); // zeros, as pages a dying writer never filled
        }
    }

    @Test
    void rebuildKeepsTheLiveIndexWhenTheRebuiltOneDiffersUnlessForced() {
        try (Engine engine = TestEngines.open(root, index)) {
            engine.volumes().create(new VolumeCreateRequest("vol-alpha", null, null, null), 0);
            String live = engine.digest();
            // the live index holds something the journal never said
            index.open().write(new IndexBatch().put(Families.TAGS, "ghost".getBytes(StandardCharsets.UTF_8),
                    "x".getBytes(StandardCharsets.UTF_8)));
            String diverged = engine.digest();
            assertNotEquals(live, diverged);

            RebuildReport kept = engine.rebuild();
            assertFalse(kept.swapped());
            assertEquals(diverged, kept.before());
            assertEquals(live, kept.after());
            assertEquals(diverged, engine.digest(), "without --force the live index stays");

            RebuildReport forced = engine.rebuild(true);
            assertTrue(forced.swapped());
            assertEquals(live, engine.digest(), "--force swaps in the journal's index");
        }
    }

    @Test
    void repairCutsBackRebuildsTheIndexAndMovesWhatTheDroppedEntriesCreatedToLostAndFound() throws Exception {
        threeVolumes();
        JournalDamage.flipByteOf(root.resolve("journal"), "vol-bravo");

        RootRepair.Outcome outcome = new RootRepair(new RootLayout(root), index, Projections.all()).run();
        RepairReport cut = outcome.journal();
        assertEquals(2, cut.kept());
        assertEquals(List.of(3L, 4L, 5L), cut.dropped().stream().map(RepairReport.Dropped::index).toList());
        assertFalse(cut.dropped().get(0).readable());
        assertEquals(List.of("", "volume.create", "daemon.stop"),
                cut.dropped().stream().map(RepairReport.Dropped::type).toList());
        assertTrue(Files.isDirectory(cut.damagedCopy()));
        assertEquals(2, outcome.salvaged().size(), outcome.salvaged().toString());
        Path lostFound;
        try (Stream<Path> stamps = Files.list(root.resolve("lost+found"))) {
            lostFound = stamps.findFirst().orElseThrow();
        }
        assertTrue(Files.isDirectory(lostFound.resolve("volumes/vol-bravo")));
        assertTrue(Files.isDirectory(lostFound.resolve("volumes/vol-charlie")));

        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.verifyJournal().ok());
            assertEquals(List.of("vol-alpha"), engine.volumes().list(Filters.none()).stream().map(Volume::name).toList());
            assertEquals(outcome.digest(), engine.digest());
            assertTrue(Files.isDirectory(root.resolve("volumes/vol-alpha")));
            assertTrue(engine.check().ok(), engine.check().problems().toString());
        }
        assertTrue(Files.isDirectory(lostFound.resolve("volumes/vol-bravo")), "the start left lost+found alone");
    }

    @Test
    void strayContainerDirectoriesAreRemovedAtStart() throws Exception {
        Path stray = root.resolve("containers").resolve("ab".repeat(32));
        Files.createDirectories(stray.resolve("upper/etc"));
        Files.writeString(stray.resolve("upper/etc/hostname"), "x");
        try (Engine engine = TestEngines.open(root, index)) {
            assertFalse(Files.exists(stray), "a directory no container owns is removed at start");
            assertTrue(Files.isDirectory(root.resolve("containers")));
        }
    }
}
