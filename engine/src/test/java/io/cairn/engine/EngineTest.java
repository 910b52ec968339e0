package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.CheckReport;
import io.cairn.api.EventMessage;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.api.RebuildReport;
import io.cairn.api.Volume;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.feed.EventQuery;
import io.cairn.engine.volume.VolumeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

    @TempDir
    Path root;

    private final TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();

    private static VolumeCreateRequest named(String name) {
        return new VolumeCreateRequest(name, null, null, Map.of("team", "a"));
    }

    @Test
    void volumesFollowDockerSemantics() {
        try (Engine engine = TestEngines.open(root, index)) {
            VolumeService volumes = engine.volumes();
            Volume v = volumes.create(named("data"), 0);
            assertEquals(root.resolve("volumes/data").toString(), v.mountpoint());
            assertTrue(Files.isDirectory(root.resolve("volumes/data")), "the effect made the directory");
            assertEquals(v, volumes.create(named("data"), 0), "creating an existing volume returns it");
            assertThrows(InvalidArgumentException.class, () -> volumes.create(named("x"), 0));
            assertThrows(InvalidArgumentException.class, () -> volumes.create(named("../up"), 0));
            assertThrows(InvalidArgumentException.class,
                    () -> volumes.create(new VolumeCreateRequest("v2", "nfs", null, null), 0));
            String random = volumes.create(new VolumeCreateRequest(null, null, null, null), 0).name();
            assertTrue(random.matches("[0-9a-f]{64}"), random);
            assertEquals(List.of("data"), volumes.list(Filters.parse(List.of("label=team=a"), VolumeService.LIST_FILTERS))
                    .stream().map(Volume::name).toList());
            assertThrows(InvalidArgumentException.class,
                    () -> volumes.list(Filters.parse(List.of("colour=red"), VolumeService.LIST_FILTERS)));
            volumes.remove("data", false, 0);
            assertFalse(Files.exists(root.resolve("volumes/data")));
            NotFoundException gone = assertThrows(NotFoundException.class, () -> volumes.remove("data", false, 0));
            assertEquals("get data: no such volume", gone.getMessage());
            volumes.remove("data", true, 0); // -f: missing is fine
        }
    }

    @Test
    void pruneRemovesOnlyAnonymousVolumesUnlessAll() {
        try (Engine engine = TestEngines.open(root, index)) {
            VolumeService volumes = engine.volumes();
            volumes.create(named("keep"), 0);
            volumes.create(new VolumeCreateRequest("anon1", null, null, Map.of(VolumeService.ANONYMOUS_LABEL, "")), 0);
            assertEquals(List.of("anon1"), volumes.prune(Filters.none(), 0).volumesDeleted());
            assertEquals(List.of("keep"), volumes.prune(new Filters(Map.of("all", List.of("true"))), 0).volumesDeleted());
            assertEquals(0, volumes.count());
        }
    }

    @Test
    void reopeningReplaysWhatTheIndexMissedAndRebuildAgrees() {
        String digest;
        try (Engine engine = TestEngines.open(root, index)) {
            for (int i = 0; i < 50; i++) {
                engine.volumes().create(named("v" + i), 0);
            }
            engine.volumes().remove("v7", false, 0);
            digest = engine.digest();
        }
        index.wipe(); // as if the index directory were lost
        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.replayedAtOpen() >= 52, "replayed " + engine.replayedAtOpen());
            assertEquals(digest, engine.digest());
            assertEquals(49, engine.volumes().count());
            RebuildReport report = engine.rebuild();
            assertEquals(report.before(), report.after());
            assertEquals(digest, report.after());
            CheckReport check = engine.check();
            assertTrue(check.ok(), check.problems().toString());
        }
    }

    @Test
    void checkNamesMissingAndOrphanDirectories() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            engine.volumes().create(named("v1"), 0);
            Files.delete(root.resolve("volumes/v1"));
            Files.createDirectory(root.resolve("volumes/stray"));
            CheckReport check = engine.check();
            assertEquals(List.of("volume v1: directory " + root.resolve("volumes/v1") + " is missing",
                    "volume directory " + root.resolve("volumes/stray") + " belongs to no volume"), check.problems());
        }
        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.check().ok(), "recovery reconciled the directories");
        }
    }

    @Test
    void eventsComeFromTheJournalAcrossRestarts() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            engine.volumes().create(named("v1"), 0);
            engine.volumes().remove("v1", false, 0);
        }
        try (Engine engine = TestEngines.open(root, index)) {
            List<EventMessage> seen = new ArrayList<>();
            // the clock events are stamped with (microseconds): milliseconds could end before the start event
            java.time.Instant at = java.time.Instant.now();
            long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            engine.events().stream(new EventQuery(null, now, new Filters(Map.of("type", List.of("volume")))),
                    seen::add, () -> true);
            assertEquals(List.of("create v1", "destroy v1"),
                    seen.stream().map(m -> m.action() + " " + m.actor().id()).toList());
            assertTrue(seen.get(0).index() < seen.get(1).index());
            List<EventMessage> daemon = new ArrayList<>();
            engine.events().stream(new EventQuery(0L, now, new Filters(Map.of("type", List.of("daemon")))),
                    daemon::add, () -> true);
            assertEquals(List.of("start", "stop", "start"), daemon.stream().map(EventMessage::action).toList());
            List<EventMessage> later = new ArrayList<>();
            engine.events().stream(new EventQuery(seen.get(1).timeNano(), now, Filters.none()), later::add, () -> true);
            assertEquals("destroy", later.get(0).action(), "since is inclusive and found by time");
        }
    }

    @Test
    void digestChangesWithStateButNotWithHistory() {
        String empty;
        String one;
        try (Engine engine = TestEngines.open(root, index)) {
            empty = engine.digest();
            engine.volumes().create(named("v1"), 0);
            one = engine.digest();
            engine.volumes().remove("v1", false, 0);
            assertEquals(empty, engine.digest(), "the same state has the same digest");
        }
        assertNotEquals(empty, one);
        assertEquals(4, index.open().lastApplied(), "daemon start, create, destroy, daemon stop");
    }
}
