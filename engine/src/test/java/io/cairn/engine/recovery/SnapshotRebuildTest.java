package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.EngineFailureException;
import io.cairn.api.JournalSnapshot;
import io.cairn.api.RebuildReport;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.daemon.RocksIndexLocation;
import io.cairn.engine.layout.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild passes over every snapshot it must not trust, names it, and still gives the journal's
 * digest; and it refuses a damaged journal from a snapshot as from entry 1.
 */
class SnapshotRebuildTest {

    @TempDir
    Path root;

    private Engine open(RootLayout layout) {
        return Engine.open(layout, TestEngines.journal(root), new RocksIndexLocation(layout.index(), false), 1024, 0,
                new FakeRuntime(), (container, rootfs, bundle, mounts) -> { });
    }

    private static void volume(Engine engine, String name) {
        engine.volumes().create(new VolumeCreateRequest(name, null, null, null), 0);
    }

    @Test
    void untrustworthySnapshotsArePassedOverByNameAndTheRebuildStillGivesTheJournalsDigest() throws Exception {
        RootLayout layout = new RootLayout(root).create();
        try (Engine engine = open(layout)) {
            volume(engine, "v1");
            JournalSnapshot older = engine.snapshot();
            volume(engine, "v2");
            JournalSnapshot newer = engine.snapshot();
            volume(engine, "v3");
            String live = engine.digest();

            Path link = Path.of(newer.path()).resolve("index/evil");
            Files.createSymbolicLink(link, Path.of("/etc/passwd"));
            RebuildReport r = engine.rebuild(false, true);
            assertEquals(older.index(), r.fromSnapshot());
            assertEquals(1, r.refused().size());
            assertTrue(r.refused().get(0).contains(link.toString()), r.refused().get(0));
            assertEquals(live, r.after());
            Files.delete(link);

            Path manifest = Path.of(newer.path()).resolve("manifest");
            String text = Files.readString(manifest);
            Files.writeString(manifest, text.replaceAll("entry-crc [0-9a-f]{8}", "entry-crc 00000000"));
            r = engine.rebuild(false, true);
            assertEquals(older.index(), r.fromSnapshot());
            assertTrue(r.refused().get(0).contains("was taken after another journal entry " + newer.index()),
                    r.refused().get(0));
            assertEquals(live, r.after());

            Files.writeString(manifest, text.replace(newer.digest(), older.digest()));
            r = engine.rebuild(false, true);
            assertEquals(older.index(), r.fromSnapshot());
            assertTrue(r.refused().get(0).contains("its manifest says entry " + newer.index()), r.refused().get(0));
            assertEquals(live, r.after());

            Files.writeString(manifest, text);
            r = engine.rebuild(false, true);
            assertEquals(newer.index(), r.fromSnapshot());
            assertEquals(List.of(), r.refused());
            assertEquals(live, r.after());
        }
    }

    @Test
    void aJournalDamagedBeforeTheSnapshotIsRefusedByTheRebuildFromItToo() throws Exception {
        RootLayout layout = new RootLayout(root).create();
        try (Engine engine = open(layout)) {
            volume(engine, "vol-damaged");
            volume(engine, "v2");
            engine.snapshot();
            volume(engine, "v3");
        }
        Files.delete(layout.journal().resolve("cairn-clean-close.seal")); // as a crash leaves it
        JournalDamage.flipByteOf(layout.journal(), "vol-damaged");
        try (Engine engine = open(layout)) { // the damage lies in what the index holds: the start serves it
            EngineFailureException e = assertThrows(EngineFailureException.class, () -> engine.rebuild(false, true));
            assertTrue(e.getMessage().contains("damaged at index 2"), e.getMessage());
            e = assertThrows(EngineFailureException.class, () -> engine.rebuild(false, false));
            assertTrue(e.getMessage().contains("damaged at index 2"), e.getMessage());
        }
    }
}
