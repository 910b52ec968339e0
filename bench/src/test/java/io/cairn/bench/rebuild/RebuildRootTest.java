package io.cairn.bench.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.state.Families;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture root is what the daemon expects: a journal of volume create/remove pairs and a caught-up index. */
class RebuildRootTest {

    @TempDir
    Path dir;

    @Test
    void writesCreateRemovePairsAndAnIndexAtTheLastEntry() {
        Path root = dir.resolve("root");
        RebuildRoot.Written w = RebuildRoot.write(root, 6);
        assertEquals(6, w.entries());
        assertEquals(6, w.indexed());

        RootLayout layout = new RootLayout(root);
        EventCodec codec = new EventCodec();
        List<Object> events = new ArrayList<>();
        try (ChronicleJournal journal = ChronicleJournal.open(layout.journal(), Durability.PROCESS)) {
            assertEquals(6, journal.lastIndex());
            journal.replay(1, journal.lastIndex(), e -> events.add(codec.decode(e.type(), e.schemaVersion(), e.payload())));
        }
        String mountpoint = layout.volumes().resolve("v-1").toString();
        assertEquals(new VolumeCreated("v-1", "local", mountpoint, Map.of(), Map.of()), events.get(2));
        assertEquals(new VolumeRemoved("v-1"), events.get(3));

        try (RocksIndexStore index = RocksIndexStore.open(layout.index(), Families.ALL, false)) {
            assertEquals(6, index.lastApplied());
            int[] volumes = {0};
            index.scan(Families.VOLUMES, new byte[0], (k, v) -> ++volumes[0] > 0);
            assertEquals(0, volumes[0], "every created volume is removed again");
        }
    }

    @Test
    void refusesARootThatAlreadyHasAJournal() {
        Path root = dir.resolve("root");
        RebuildRoot.write(root, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RebuildRoot.write(root, 2));
        assertTrue(e.getMessage().contains(new RootLayout(root).journal().toString()), e.getMessage());
    }

    @Test
    void refusesAnOddOrEmptyCount() {
        assertThrows(IllegalArgumentException.class, () -> RebuildRoot.write(dir.resolve("a"), 3));
        assertThrows(IllegalArgumentException.class, () -> RebuildRoot.write(dir.resolve("b"), 0));
    }
}
