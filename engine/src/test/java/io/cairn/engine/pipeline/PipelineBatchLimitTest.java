package io.cairn.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Projections;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.state.Families;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daemon.json's batch-limit: the most commands one journal flush (and one index write) covers. */
class PipelineBatchLimitTest {

    @TempDir
    Path dir;

    /** Runs 100 commands queued behind a blocked one; returns how many appends each flush covered. */
    private List<Integer> appendsPerFlush(int batchLimit) throws Exception {
        List<Integer> flushes = Collections.synchronizedList(new ArrayList<>());
        try (Journal real = ChronicleJournal.open(dir.resolve("journal-" + batchLimit), Durability.PROCESS);
             CountingJournal journal = new CountingJournal(real, flushes);
             Pipeline pipeline = new Pipeline(journal, MemoryIndexStore.open(Families.ALL), new EventCodec(),
                     Projections.all(), new EffectExecutor(1), 128, batchLimit)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = pipeline.submit(state -> {
                try {
                    release.await(); // holds the pipeline thread while the others queue up
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Decision.of("first", new VolumeCreated("first", "local", "/v/first", Map.of(), Map.of()));
            }, 0);
            List<CompletableFuture<String>> rest = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "v" + i;
                rest.add(pipeline.submit(state -> Decision.of(name,
                        new VolumeCreated(name, "local", "/v/" + name, Map.of(), Map.of())), 0));
            }
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(101, journal.lastIndex());
        }
        return flushes;
    }

    @Test
    void aBatchLimitCapsTheCommandsOfEachFlush() throws Exception {
        List<Integer> limited = appendsPerFlush(8);
        assertEquals(101, limited.stream().mapToInt(Integer::intValue).sum());
        assertTrue(limited.stream().allMatch(n -> n <= 8), "flushes " + limited);
        assertTrue(limited.size() >= 13, "101 commands in batches of at most 8 need at least 13 flushes: " + limited);
        List<Integer> unlimited = appendsPerFlush(0);
        assertEquals(101, unlimited.stream().mapToInt(Integer::intValue).sum());
        assertTrue(unlimited.stream().anyMatch(n -> n > 8), "without a limit the queued commands share a flush: "
                + unlimited);
    }

    /** Counts the appends between flushes; everything else is the real journal's. */
    private static final class CountingJournal implements Journal {
        private final Journal real;
        private final List<Integer> flushes;
        private int appended;

        CountingJournal(Journal real, List<Integer> flushes) {
            this.real = real;
            this.flushes = flushes;
        }

        @Override
        public long append(String type, int schemaVersion, long timeNanos, int uid, byte[] payload) {
            appended++;
            return real.append(type, schemaVersion, timeNanos, uid, payload);
        }

        @Override
        public void flush() {
            flushes.add(appended);
            appended = 0;
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
        public void close() {
            // the real journal is closed by the test
        }
    }
}
