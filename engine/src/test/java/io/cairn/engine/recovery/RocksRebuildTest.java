package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.RebuildReport;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.daemon.RocksIndexLocation;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.layout.RootLayout;
import io.cairn.journal.Journal;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal is the truth over the RocksDB index too: a rebuild (decoded ahead, written without the
 * WAL into the scratch store, flushed when promoted) gives the live index's digest, the promoted
 * index survives a reopen, and a start on a lost index replays the same one.
 */
class RocksRebuildTest {

    /** More entries than the replay's batch and its inline threshold. */
    private static final int JOURNALED = 20_000;

    @TempDir
    Path root;

    @Test
    void aRebuiltRocksIndexIsTheLiveOneAndSurvivesReopening() throws Exception {
        RootLayout layout = new RootLayout(root).create();
        EventCodec codec = new EventCodec();
        try (Journal journal = TestEngines.journal(root)) {
            for (int i = 0; i < JOURNALED; i += 2) {
                // created and removed again: no directory is left for the start-up reconciliation
                append(journal, codec, i, new VolumeCreated("old" + i, "local", "/nowhere/old" + i, Map.of("n", "" + i),
                        Map.of()));
                append(journal, codec, i + 1, new VolumeRemoved("old" + i));
            }
        }
        String live;
        try (Engine engine = open(layout)) {
            assertTrue(engine.replayedAtOpen() >= JOURNALED, "replayed " + engine.replayedAtOpen());
            for (int i = 0; i < 20; i++) {
                engine.volumes().create(new VolumeCreateRequest("v" + i, null, null, Map.of("i", "" + i)), 0);
            }
            engine.volumes().remove("v3", false, 0);
            live = engine.digest();
            RebuildReport report = engine.rebuild();
            assertEquals(live, report.before());
            assertEquals(live, report.after(), "the rebuilt index differs from the live one");
            assertTrue(report.swapped());
            assertEquals(live, engine.digest(), "the promoted index");
            assertEquals(19, engine.volumes().count());
        }
        try (Engine engine = open(layout)) {
            assertEquals(live, engine.digest(), "the promoted index after a reopen");
        }
        RocksIndexStore.destroy(layout.index());
        try (Engine engine = open(layout)) {
            assertTrue(engine.replayedAtOpen() > JOURNALED, "replayed " + engine.replayedAtOpen());
            assertEquals(live, engine.digest(), "an engine opened on a lost index rebuilt another one");
        }
    }

    private static void append(Journal journal, EventCodec codec, long time, Event event) {
        String type = EventTypes.nameOf(event);
        journal.append(type, EventTypes.versionOf(type), time, 0, codec.encode(event));
    }

    private Engine open(RootLayout layout) {
        return Engine.open(layout, TestEngines.journal(root), new RocksIndexLocation(layout.index(), false), 1024, 0,
                new FakeRuntime(), (container, rootfs, bundle, mounts) -> { });
    }
}
