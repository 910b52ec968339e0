package io.cairn.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.AlreadyExistsException;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.Projections;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.state.Families;
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
        pipeline = new Pipeline(journal, store, new EventCodec(), Projections.all(), new EffectExecutor(2), 64);
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

    /** A journal that delegates to a real one, except for appends the test makes fail. */
    private static final class FailingJournal implements Journal {
        private final Journal real;
        volatile java.util.function.Supplier<Throwable> nextAppend;

        FailingJournal(Journal real) {
            this.real = real;
        }

        @Override
        public long append(String type, int schemaVersion, long timeNanos, int uid, byte[] payload) {
            java.util.function.Supplier<Throwable> fail = nextAppend;
            if (fail != null) {
                nextAppend = null;
                Throwable t = fail.get();
                if (t instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) t;
            }
            return real.append(type, schemaVersion, timeNanos, uid, payload);
        }

        @Override
        public void flush() {
            real.flush();
        }

        @Override
        public long lastIndex() {
            return real.lastIndex();
        }

        @Override
        public long replay(long from, long to, EntryConsumer consumer) {
            return real.replay(from, to, consumer);
        }

        @Override
        public io.cairn.journal.JournalCursor follow(long from) {
            return real.follow(from);
        }

        @Override
        public io.cairn.journal.VerifyReport verify() {
            return real.verify();
        }

        @Override
        public void close() throws java.io.IOException {
            real.close();
        }
    }

    /** Waits for a future that must already be settled or settle promptly: a hang is the defect. */
    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the caller still waits 30 s later: the pipeline thread died", e);
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void anErrorInAStageFailsEveryWaitingCallerAndHaltsInsteadOfKillingTheThread() throws Exception {
        List<Throwable> fatal = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch told = new CountDownLatch(1);
        pipeline.onFatal(t -> {
            fatal.add(t);
            told.countDown();
        });
        List<CompletableFuture<String>> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(pipeline.submit(create("b" + i), 0));
        }
        CompletableFuture<Void> boom = pipeline.submit(state -> {
            throw new InternalError("a fault occurred in an unsafe memory access operation");
        }, 0);
        List<CompletableFuture<String>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add(pipeline.submit(create("a" + i), 0));
        }

        Throwable cause = failureOf(boom);
        assertInstanceOf(EngineFailureException.class, cause);
        assertEquals(true, cause.getMessage().contains("java.lang.InternalError")
                && cause.getMessage().contains("unsafe memory access"), cause.getMessage());
        for (CompletableFuture<String> f : before) {
            try {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS); // indexed before the error, or failed with it
            } catch (ExecutionException e) {
                assertInstanceOf(EngineFailureException.class, e.getCause());
            }
        }
        for (CompletableFuture<String> f : after) {
            assertInstanceOf(EngineFailureException.class, failureOf(f), "commands after the error fail at once");
        }
        assertInstanceOf(EngineFailureException.class, failureOf(pipeline.submit(create("late"), 0)));
        assertEquals(true, told.await(30, java.util.concurrent.TimeUnit.SECONDS), "the fatal handler runs");
        assertInstanceOf(InternalError.class, fatal.get(0));
        assertEquals(1, fatal.size());
        assertNotNull(pipeline.haltedBy());
    }

    @Test
    void anErrorInTheJournalAppendFailsTheCallerPromptly() throws Exception {
        pipeline.close();
        FailingJournal failing = new FailingJournal(journal);
        pipeline = new Pipeline(failing, store, new EventCodec(), Projections.all(), new EffectExecutor(2), 64);
        assertEquals("ok", pipeline.execute(create("ok"), 0));
        failing.nextAppend = () -> new InternalError("a fault occurred in an unsafe memory access operation");
        Throwable cause = failureOf(pipeline.submit(create("x"), 0));
        assertEquals(true, cause.getMessage().startsWith("engine halted: the pipeline thread failed with java.lang.InternalError"),
                cause.getMessage());
        assertInstanceOf(EngineFailureException.class, failureOf(pipeline.submit(create("y"), 0)));
        assertEquals(1, store.lastApplied(), "nothing after the error was indexed");
    }

    @Test
    void aFullJournalRefusesTheCommandWithNoSpaceLeftAndTheEngineGoesOn() throws Exception {
        pipeline.close();
        FailingJournal failing = new FailingJournal(journal);
        pipeline = new Pipeline(failing, store, new EventCodec(), Projections.all(), new EffectExecutor(2), 64);
        failing.nextAppend = () -> new io.cairn.journal.JournalFullException("journal /j: no space left on device: 1 bytes usable");
        EngineFailureException full = assertThrows(EngineFailureException.class, () -> pipeline.execute(create("v1"), 0));
        assertEquals(true, full.getMessage().startsWith("volume.create refused: journal /j: no space left on device"),
                full.getMessage());
        assertNull(pipeline.haltedBy(), "nothing was written: the engine goes on");
        assertEquals("v1", pipeline.execute(create("v1"), 0), "the refused create left nothing in the overlay");
        assertEquals(1, journal.lastIndex());
    }
}
