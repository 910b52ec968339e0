package io.cairn.engine.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.Volume;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.pipeline.EffectExecutor;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume service over a real pipeline, with "in use" answered by the test: the dangling
 * filter, refusals while in use, prune's choice, and check's view of index against disk.
 */
class VolumeServiceTest {

    @TempDir
    Path dir;

    private Journal journal;
    private Pipeline pipeline;
    private VolumeService volumes;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void open() {
        journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS);
        MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
        pipeline = new Pipeline(journal, store, new EventCodec(), io.cairn.engine.Projections.all(), new EffectExecutor(1), 64);
        volumes = new VolumeService(pipeline, new LayeredReader(store, new Overlay()), dir.resolve("volumes"),
                (state, name) -> used.contains(name));
    }

    @AfterEach
    void close() throws Exception {
        pipeline.close();
        journal.close();
    }

    private Volume create(String name, Map<String, String> labels) {
        return volumes.create(new VolumeCreateRequest(name, null, null, labels), 0);
    }

    private List<String> names(String... filters) {
        return volumes.list(Filters.parse(List.of(filters), VolumeService.LIST_FILTERS)).stream().map(Volume::name)
                .toList();
    }

    @Test
    void danglingMeansNoContainerUsesIt() {
        create("busy", Map.of());
        create("idle", Map.of());
        used.add("busy");
        assertEquals(List.of("idle"), names("dangling=true"));
        assertEquals(List.of("busy"), names("dangling=0"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> names("dangling=maybe"));
        assertEquals("invalid filter 'dangling=maybe': expected true or false", e.getMessage());
        assertEquals(List.of("busy", "idle"), names("driver=local"));
        assertEquals(List.of("idle"), names("name=dl"));
    }

    @Test
    void aVolumeInUseIsNeitherRemovedNorPruned() {
        create("busy", Map.of(VolumeService.ANONYMOUS_LABEL, ""));
        create("anon", Map.of(VolumeService.ANONYMOUS_LABEL, "", "k", "v"));
        create("named", Map.of());
        used.add("busy");
        ConflictException e = assertThrows(ConflictException.class, () -> volumes.remove("busy", true, 0));
        assertEquals("remove busy: volume is in use", e.getMessage());
        assertEquals(List.of("anon"), volumes.prune(Filters.none(), 0).volumesDeleted(),
                "prune takes unused anonymous volumes");
        assertEquals(List.of(), volumes.prune(Filters.parse(List.of("label=team"), VolumeService.PRUNE_FILTERS), 0)
                .volumesDeleted());
        assertEquals(List.of("named"), volumes.prune(Filters.parse(List.of("all=true"), VolumeService.PRUNE_FILTERS), 0)
                .volumesDeleted());
        assertEquals(List.of("busy"), names());
    }

    @Test
    void createReportsDockersViewAndRefusesWhatTheLocalDriverCannotDo() {
        Volume v = create("data", Map.of("a", "b"));
        assertEquals("local", v.driver());
        assertEquals(dir.resolve("volumes/data").toString(), v.mountpoint());
        assertTrue(v.createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), v.createdAt());
        assertEquals(Map.of("a", "b"), v.labels());
        InvalidArgumentException driver = assertThrows(InvalidArgumentException.class,
                () -> volumes.create(new VolumeCreateRequest("remote", "nfs", null, null), 0));
        assertTrue(driver.getMessage().contains("only the \"local\" driver"), driver.getMessage());
        InvalidArgumentException option = assertThrows(InvalidArgumentException.class,
                () -> volumes.create(new VolumeCreateRequest("opts", null, Map.of("type", "tmpfs"), null), 0));
        assertTrue(option.getMessage().startsWith("driver option \"type\""), option.getMessage());
        assertEquals(List.of("data"), names(), "refused creates journal nothing");
    }

    @Test
    void checkAndReconcileCompareTheIndexWithTheDisk() throws Exception {
        create("data", Map.of());
        Files.delete(dir.resolve("volumes/data"));
        Files.createDirectories(dir.resolve("volumes/stray"));
        assertEquals(List.of("volume data: directory " + dir.resolve("volumes/data") + " is missing",
                "volume directory " + dir.resolve("volumes/stray") + " belongs to no volume"), volumes.check());
        assertEquals(2, volumes.reconcile().size());
        assertEquals(List.of(), volumes.check());
    }
}
