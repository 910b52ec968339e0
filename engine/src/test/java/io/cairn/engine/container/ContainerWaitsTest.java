package io.cairn.engine.container;

import io.cairn.engine.event.ContainerConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.pipeline.Decision;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits end on the indexed event that ends them, not on a poll: each test parks a waiter, checks
 * that it is still parked, journals the event through a real pipeline, and sees the waiter return
 * its outcome. Deadlines and interrupts end a wait as the service's callers expect.
 */
class ContainerWaitsTest {

    private static final String ID = "c".repeat(64);

    @TempDir
    Path dir;

    private Journal journal;
    private Pipeline pipeline;
    private ContainerWaits waits;

    @BeforeEach
    void open() {
        journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS);
        MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
        pipeline = new Pipeline(journal, store, new EventCodec(), io.cairn.engine.Projections.all(), new EffectExecutor(1), 64);
        waits = new ContainerWaits(new LayeredReader(store, new Overlay()), pipeline.indexed());
    }

    @AfterEach
    void close() throws Exception {
        pipeline.close();
        journal.close();
    }

    private void journal(Event... events) {
        pipeline.execute(s -> Decision.of(null, events), 0);
    }

    private ContainerRecord created(boolean autoRemove) {
        ContainerConfig config = new ContainerConfig("img", List.of(), List.of("true"), List.of(), "/", "", "h",
                Map.of(), List.of(), false, "none", List.of(), List.of(), false, List.of(), "SIGTERM", autoRemove);
        journal(new ContainerCreated(ID, "box", "sha256:" + "i".repeat(64), config));
        return record();
    }

    /** The container as the pipeline's decisions see it. */
    private ContainerRecord record() {
        CompletableFuture<ContainerRecord> r = new CompletableFuture<>();
        pipeline.execute(s -> {
            r.complete(s.read(Families.CONTAINERS, ID, ContainerRecord.class));
            return Decision.of(null);
        }, 0);
        return r.join();
    }

    private static <T> CompletableFuture<T> waiting(Supplier<T> wait) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(wait.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void stillWaiting(CompletableFuture<?> f) throws Exception {
        assertThrows(TimeoutException.class, () -> f.get(150, TimeUnit.MILLISECONDS), "the wait ended before its event");
    }

    @Test
    void settledReturnsWhenTheStartEndsNotBefore() throws Exception {
        ContainerRecord c = created(false);
        journal(new ContainerStarting(ID));
        CompletableFuture<ContainerRecord> settled = waiting(() -> waits.settled(c, Duration.ofSeconds(30)));
        stillWaiting(settled);
        journal(new ContainerStarted(ID, 4242));
        ContainerRecord now = settled.get(5, TimeUnit.SECONDS);
        assertTrue(now.running());
        assertEquals(4242, now.pid());
    }

    @Test
    void settledGivesUpAfterItsDeadlineAndNamesTheContainer() {
        ContainerRecord c = created(false);
        journal(new ContainerStarting(ID));
        long t0 = System.nanoTime();
        ConflictException e = assertThrows(ConflictException.class, () -> waits.settled(c, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "gave up before the deadline");
        assertTrue(e.getMessage().startsWith("container box is still starting"), e.getMessage());
    }

    @Test
    void settledOfARemovedContainerIsNotFound() {
        ContainerRecord c = created(false);
        journal(new ContainerRemoved(ID));
        assertThrows(NotFoundException.class, () -> waits.settled(c, Duration.ofSeconds(1)));
    }

    @Test
    void exitCodeWaitsForTheDeath() throws Exception {
        ContainerRecord c = created(false);
        journal(new ContainerStarting(ID), new ContainerStarted(ID, 7));
        CompletableFuture<Integer> code = waiting(() -> waits.exitCode(c, "box", () -> -1));
        stillWaiting(code);
        journal(new ContainerDied(ID, 3, ""));
        assertEquals(3, code.get(5, TimeUnit.SECONDS));
    }

    @Test
    void exitCodeOfAnAutoRemoveContainerWaitsForItsRemoval() throws Exception {
        ContainerRecord c = created(true);
        journal(new ContainerStarting(ID), new ContainerStarted(ID, 7));
        CompletableFuture<Integer> code = waiting(() -> waits.exitCode(c, "box", () -> 42));
        journal(new ContainerDied(ID, 3, ""));
        stillWaiting(code); // exited, not yet removed
        journal(new ContainerRemoved(ID));
        assertEquals(42, code.get(5, TimeUnit.SECONDS), "the removed container's code comes from the caller");
    }

    @Test
    void exitCodeOfACreatedContainerIsAtHand() {
        ContainerRecord c = created(true);
        assertEquals(0, waits.exitCode(c, "box", () -> -1), "a created --rm container has no removal pending");
    }

    @Test
    void anInterruptEndsAWait() throws Exception {
        ContainerRecord c = created(false);
        journal(new ContainerStarting(ID), new ContainerStarted(ID, 7));
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<Integer> code = waiting(() -> {
            thread.complete(Thread.currentThread());
            return waits.exitCode(c, "box", () -> -1);
        });
        stillWaiting(code);
        thread.get().interrupt();
        Throwable e = assertThrows(java.util.concurrent.ExecutionException.class, () -> code.get(5, TimeUnit.SECONDS))
                .getCause();
        assertTrue(e instanceof EngineFailureException && e.getMessage().equals("interrupted while waiting for box"),
                String.valueOf(e));
    }

    @Test
    void stoppedIsFalseAfterTheDeadlineAndTrueOnceDead() throws Exception {
        created(false);
        journal(new ContainerStarting(ID), new ContainerStarted(ID, 7));
        assertFalse(waits.stopped(ID, Duration.ofMillis(200)));
        CompletableFuture<Boolean> stopped = waiting(() -> waits.stopped(ID, Duration.ofSeconds(30)));
        stillWaiting(stopped);
        journal(new ContainerDied(ID, 137, ""));
        assertTrue(stopped.get(5, TimeUnit.SECONDS));
    }
}
