package io.cairn.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.engine.api.AlreadyExistsException;
import io.cairn.engine.api.EngineFailureException;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projector;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {

    @TempDir
    Path dir;

    private Journal journal;
    private MemoryIndexStore store;
    private Pipeline pipeline;

    @BeforeEach
    void open() {
        journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS);
        store = MemoryIndexStore.open(Families.ALL);
        pipeline = new Pipeline(journal, store, new EventCodec(), new Projector(), new EffectExecutor(2), 64);
    }

    @AfterEach
    void close() throws Exception {
        pipeline.close();
        journal.close();
    }

    private static Command<String> create(String name) {
        return state -> {
            if (state.get(Families.VOLUMES, name) != null) {
                throw new AlreadyExistsException("volume " + name + " exists");
            }
            return Decision.of(name, new VolumeCreated(name, "local", "/v/" + name, Map.of(), Map.of()));
        };
    }

    @Test
    void aCompletedCommandIsJournaledAndIndexed() {
        assertEquals("a1", pipeline.execute(create("a1"), 7));
        assertEquals(1, journal.lastIndex());
        assertEquals(1, store.lastApplied());
        assertInstanceOf(byte[].class, store.get(Families.VOLUMES, "a1".getBytes(StandardCharsets.UTF_8)));
        List<Integer> uids = new ArrayList<>();
        journal.replay(1, 1, e -> uids.add(e.uid()));
        assertEquals(List.of(7), uids);
    }

    @Test
    void decisionsSeeEarlierDecisionsBeforeTheyAreIndexed() throws Exception {
        // 200 concurrent creates of 20 names: exactly one per name may win
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pipeline.submit(create("vol" + (i % 20)), 0));
        }
        int won = 0;
        int refused = 0;
        for (CompletableFuture<String> f : futures) {
            try {
                f.get();
                won++;
            } catch (ExecutionException e) {
                assertInstanceOf(AlreadyExistsException.class, e.getCause());
                refused++;
            }
        }
        assertEquals(20, won);
        assertEquals(180, refused);
        assertEquals(20, journal.lastIndex());
        assertEquals(20, store.lastApplied());
    }

    @Test
    void aRejectedCommandWritesNothing() {
        pipeline.execute(create("a1"), 0);
        assertThrows(AlreadyExistsException.class, () -> pipeline.execute(create("a1"), 0));
        assertEquals(1, journal.lastIndex());
        assertEquals(1, store.lastApplied());
    }

    @Test
    void aProjectionThatThrowsLeavesNoTrace() {
        Command<Void> broken = state -> Decision.of(null, new VolumeCreated("ok", "local", "/v", Map.of(), Map.of()),
                null);
        assertThrows(EngineFailureException.class, () -> pipeline.execute(broken, 0));
        assertEquals(0, journal.lastIndex());
        assertNull(store.get(Families.VOLUMES, "ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("b2", pipeline.execute(create("b2"), 0), "the pipeline goes on");
    }

    @Test
    void effectsOfOneKeyRunInDecisionOrderAfterIndexing() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String step = "s" + i;
            boolean first = i == 0;
            futures.add(pipeline.submit(state -> Decision.<Void>of(null,
                    first ? new VolumeCreated("k", "local", "/v", Map.of(), Map.of()) : new VolumeRemoved("k"))
                    .then("volume:k", () -> {
                        if (first) {
                            hold.await();
                        }
                        order.add(step);
                    }), 0));
        }
        hold.countDown();
        for (CompletableFuture<Void> f : futures) {
            f.get();
        }
        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"), order);
    }

    @Test
    void aFailedEffectFailsTheCallerButKeepsTheFact() {
        Command<Void> cmd = state -> Decision.<Void>of(null, new VolumeCreated("e1", "local", "/v", Map.of(), Map.of()))
                .then("volume:e1", () -> {
                    throw new java.io.IOException("disk on fire");
                });
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> pipeline.execute(cmd, 0));
        assertEquals("volume:e1: disk on fire", e.getMessage());
        assertNotNull(store.get(Families.VOLUMES, "e1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, store.lastApplied());
    }

    @Test
    void aJournalFailureHaltsThePipeline() throws Exception {
        journal.close(); // every append now fails
        EngineFailureException e = assertThrows(EngineFailureException.class, () -> pipeline.execute(create("x1"), 0));
        assertEquals(true, e.getMessage().startsWith("engine halted: journal append failed"), e.getMessage());
        assertThrows(EngineFailureException.class, () -> pipeline.execute(create("x2"), 0));
        assertEquals(0, store.lastApplied());
        journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS);
    }
}
