package io.cairn.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.EngineFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot directories as an attacker or a crash would leave them: refused by name, never used, never deleted. */
class SnapshotStoreTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path root;

    private SnapshotStore store() {
        return new SnapshotStore(root.resolve("snapshots"));
    }

    private static SnapshotManifest manifest(long n) {
        return new SnapshotManifest(n, "0badcafe", DIGEST, Instant.parse("2026-12-07T23:00:00Z"));
    }

    /** A stand-in for the index copy: a directory with one file. */
    private static void fakeIndex(Path into) {
        try {
            Files.createDirectory(into);
            Files.writeString(into.resolve("CURRENT"), "MANIFEST-000001\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTakenSnapshotIsListedSoundWithItsManifest() {
        Snapshot s = store().take(manifest(42), SnapshotStoreTest::fakeIndex);
        assertEquals(root.resolve("snapshots/42"), s.dir());
        List<Snapshot> listed = store().list();
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).sound(), listed.get(0).problem());
        assertEquals(manifest(42), listed.get(0).manifest());
        assertEquals(s, store().take(manifest(42), into -> {
            throw new AssertionError("an existing snapshot is not taken again");
        }));
    }

    @Test
    void aSymbolicLinkInsideASnapshotRefusesItNamingTheLink() throws IOException {
        Snapshot s = store().take(manifest(7), SnapshotStoreTest::fakeIndex);
        Path link = s.indexDir().resolve("000009.sst");
        Files.createSymbolicLink(link, Path.of("/etc/shadow"));
        Snapshot listed = store().list().get(0);
        assertFalse(listed.sound());
        assertTrue(listed.problem().contains(link.toString()) && listed.problem().contains("symbolic link"),
                listed.problem());
        assertEquals(List.of(), store().prune(0), "a refused snapshot is never deleted");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aSnapshotDirectoryThatIsASymbolicLinkIsRefused() throws IOException {
        Path elsewhere = root.resolve("elsewhere");
        new SnapshotStore(elsewhere).take(manifest(9), SnapshotStoreTest::fakeIndex);
        Files.createDirectories(root.resolve("snapshots"));
        Files.createSymbolicLink(root.resolve("snapshots/9"), elsewhere.resolve("9"));
        Snapshot listed = store().list().get(0);
        assertFalse(listed.sound());
        assertTrue(listed.problem().contains(root.resolve("snapshots/9") + " is a symbolic link"), listed.problem());
    }

    @Test
    void theSnapshotsDirectoryAsASymbolicLinkIsRefused() throws IOException {
        Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("snapshots"), root.resolve("elsewhere"));
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> store().list());
        assertTrue(e.getMessage().contains(root.resolve("snapshots") + " is a symbolic link"), e.getMessage());
        assertThrows(EngineFailureException.class, () -> store().take(manifest(1), SnapshotStoreTest::fakeIndex));
        try (Stream<Path> in = Files.list(root.resolve("elsewhere"))) {
            assertEquals(0, in.count(), "nothing written through the link");
        }
    }

    @Test
    void badManifestsAreRefusedNamingTheManifest() throws IOException {
        Path manifest = store().take(manifest(3), SnapshotStoreTest::fakeIndex).dir().resolve(SnapshotManifest.FILE);
        for (String bad : List.of("", "garbage\n", "cairn-snapshot 1\nindex 3\n",
                manifest(3).text().replace("index 3", "index -3"),
                manifest(3).text().replace(DIGEST, "sha256:../../etc"),
                manifest(3).text() + "extra 1\n",
                "x".repeat(SnapshotManifest.MAX_BYTES + 1))) {
            Files.writeString(manifest, bad);
            Snapshot listed = store().list().get(0);
            assertFalse(listed.sound(), bad);
            assertTrue(listed.problem().contains(manifest.toString()), listed.problem());
        }
        Files.writeString(manifest, manifest(4).text()); // the directory is named for another entry
        assertTrue(store().list().get(0).problem().contains("says entry 4 in a directory named for entry 3"));
        Files.delete(manifest);
        Files.createSymbolicLink(manifest, root.resolve("nowhere"));
        assertTrue(store().list().get(0).problem().contains(manifest.toString()), store().list().get(0).problem());
    }

    @Test
    void aTakeKilledMidwayLeavesNothingThatIsListedAndTheNextTakeClearsIt() throws IOException {
        // what kill -9 leaves: the temporary directory with a partial copy and no manifest
        Path leftover = root.resolve("snapshots/.tmp-12-99");
        Files.createDirectories(leftover.resolve("index"));
        Files.writeString(leftover.resolve("index/000001.sst"), "partial");
        assertEquals(List.of(), store().list());
        // and a take that fails midway cleans up after itself
        assertThrows(IllegalStateException.class, () -> store().take(manifest(12), into -> {
            fakeIndex(into);
            throw new IllegalStateException("checkpoint failed");
        }));
        assertEquals(List.of(), store().list());
        store().take(manifest(13), SnapshotStoreTest::fakeIndex);
        try (Stream<Path> in = Files.list(root.resolve("snapshots"))) {
            assertEquals(List.of(root.resolve("snapshots/13")), in.toList());
        }
    }

    @Test
    void pruneKeepsTheNewestSoundSnapshots() {
        for (long n : List.of(5L, 10L, 15L, 20L)) {
            store().take(manifest(n), SnapshotStoreTest::fakeIndex);
        }
        assertEquals(List.of(root.resolve("snapshots/10"), root.resolve("snapshots/5")), store().prune(2));
        assertEquals(List.of(20L, 15L), store().list().stream().map(Snapshot::index).toList());
    }
}
