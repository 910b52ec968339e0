package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay applies journal entries through the projector alone, resumes where it stopped, and names a bad entry. */
class ReplayerTest {

    @TempDir
    Path dir;

    private final EventCodec codec = new EventCodec();
    private final Replayer replayer = new Replayer(codec, io.cairn.engine.Projections.all());

    private void append(Journal journal, long timeNanos, Event event) {
        journal.append(EventTypes.nameOf(event), EventTypes.versionOf(EventTypes.nameOf(event)), timeNanos, 0, codec.encode(event));
    }

    private static VolumeCreated volume(String name) {
        return new VolumeCreated(name, "local", "/v/" + name, Map.of(), Map.of());
    }

    private static byte[] get(MemoryIndexStore store, String family, String key) {
        return store.get(family, key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replayAppliesEveryEntryWithItsJournaledTimeAndResumes() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            append(journal, 111, volume("a"));
            append(journal, 222, volume("b"));
            append(journal, 333, new VolumeRemoved("a"));
            MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
            assertEquals(3, replayer.replay(journal, store, 1));
            assertEquals(3, store.lastApplied());
            assertNull(get(store, Families.VOLUMES, "a"));
            assertNotNull(get(store, Families.VOLUMES, "b"));
            String b = new String(get(store, Families.VOLUMES, "b"), StandardCharsets.UTF_8);
            assertTrue(b.contains("\"createdAtNanos\":222"), "the record's time is the journal's, not the clock's: " + b);

            append(journal, 444, volume("c"));
            assertEquals(1, replayer.replay(journal, store, store.lastApplied() + 1), "only what the index misses");
            assertEquals(4, store.lastApplied());
            assertNotNull(get(store, Families.VOLUMES, "c"));
            assertEquals(0, replayer.replay(journal, store, 5));
        }
    }

    @Test
    void anEntryThatCannotBeDecodedOrProjectedIsNamedByIndexAndType() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            append(journal, 1, volume("a"));
            append(journal, 2, new ContainerStarting("f".repeat(64)));
            EngineFailureException e = assertThrows(EngineFailureException.class,
                    () -> replayer.replay(journal, MemoryIndexStore.open(Families.ALL), 1));
            assertTrue(e.getMessage().startsWith("cannot replay journal entry 2 (container.starting)"), e.getMessage());
        }
        try (Journal journal = ChronicleJournal.open(dir.resolve("other"), Durability.PROCESS)) {
            journal.append("volume.explode", 1, 1, 0, "{}".getBytes(StandardCharsets.UTF_8));
            EngineFailureException e = assertThrows(EngineFailureException.class,
                    () -> replayer.replay(journal, MemoryIndexStore.open(Families.ALL), 1));
            assertTrue(e.getMessage().startsWith("cannot replay journal entry 1 (volume.explode)"), e.getMessage());
        }
    }

    /** More entries than one replay batch and than the inline threshold: reading and decoding run ahead on a thread. */
    private static final int LONG = 20_000;

    private void appendLong(Journal journal) {
        for (int i = 0; i < LONG; i++) {
            append(journal, 1000 + i, i % 3 == 2 ? new VolumeRemoved("v" + (i - 2)) : volume("v" + i));
        }
    }

    @Test
    void aLongReplayDecodesAheadAndBuildsWhatEntryByEntryProjectionBuilds() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            appendLong(journal);
            MemoryIndexStore replayed = MemoryIndexStore.open(Families.ALL);
            assertEquals(LONG, replayer.replay(journal, replayed, 1));
            assertEquals(LONG, replayed.lastApplied());

            // the same entries projected one at a time, each written before the next is read
            MemoryIndexStore expected = MemoryIndexStore.open(Families.ALL);
            Projector projector = io.cairn.engine.Projections.all();
            journal.replay(1, Long.MAX_VALUE, entry -> {
                io.cairn.storage.index.IndexBatch batch = new io.cairn.storage.index.IndexBatch();
                projector.apply(codec.decode(entry.type(), entry.schemaVersion(), entry.payload()),
                        new io.cairn.engine.state.EventContext(entry.timeNanos(), entry.uid()),
                        new io.cairn.engine.state.LayeredReader(expected, new io.cairn.engine.state.Overlay()),
                        new io.cairn.engine.state.StateWriter() {
                            @Override
                            public void put(String family, String key, byte[] value) {
                                batch.put(family, key.getBytes(StandardCharsets.UTF_8), value);
                            }

                            @Override
                            public void delete(String family, String key) {
                                batch.delete(family, key.getBytes(StandardCharsets.UTF_8));
                            }
                        });
                expected.write(batch.lastApplied(entry.index()));
                return true;
            });
            assertEquals(expected.digest(), replayed.digest());
            int[] volumes = {0};
            replayed.scan(Families.VOLUMES, new byte[0], (k, v) -> ++volumes[0] > 0);
            assertEquals(LONG - 2 * (LONG / 3), volumes[0], "two thirds created, half of those removed");
            assertNull(get(replayed, Families.VOLUMES, "v0"));
            assertTrue(new String(get(replayed, Families.VOLUMES, "v1"), StandardCharsets.UTF_8)
                    .contains("\"createdAtNanos\":1001"));
        }
    }

    @Test
    void aLongReplayNamesTheEntryItCannotDecodeOrProjectAndStopsThere() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            appendLong(journal);
            journal.append("volume.explode", 1, 1, 0, "{}".getBytes(StandardCharsets.UTF_8));
            appendLong(journal);
            MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
            EngineFailureException e = assertThrows(EngineFailureException.class,
                    () -> replayer.replay(journal, store, 1));
            assertTrue(e.getMessage().startsWith("cannot replay journal entry " + (LONG + 1) + " (volume.explode)"),
                    e.getMessage());
            assertTrue(store.lastApplied() <= LONG, "nothing after the bad entry: " + store.lastApplied());
        }
        try (Journal journal = ChronicleJournal.open(dir.resolve("other"), Durability.PROCESS)) {
            appendLong(journal);
            append(journal, 1, new ContainerStarting("f".repeat(64)));
            appendLong(journal);
            EngineFailureException e = assertThrows(EngineFailureException.class,
                    () -> replayer.replay(journal, MemoryIndexStore.open(Families.ALL), 1));
            assertTrue(e.getMessage().startsWith("cannot replay journal entry " + (LONG + 1) + " (container.starting)"),
                    e.getMessage());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("cairn-replay-decode")),
                "the decoding thread ended with the replay");
    }

    @Test
    void aLongReplayStopsAtAFailedIndexWriteWithTheStoresErrorAndKeepsTheBatchesBefore() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            appendLong(journal);
            appendLong(journal);
            MemoryIndexStore memory = MemoryIndexStore.open(Families.ALL);
            int[] writes = {0};
            io.cairn.storage.index.IndexStore failing = new io.cairn.storage.index.IndexStore() {
                @Override
                public byte[] get(String family, byte[] key) {
                    return memory.get(family, key);
                }

                @Override
                public void scan(String family, byte[] prefix, Visitor visitor) {
                    memory.scan(family, prefix, visitor);
                }

                @Override
                public void write(io.cairn.storage.index.IndexBatch batch) {
                    if (++writes[0] == 2) {
                        throw new io.cairn.storage.index.IndexStoreException("disk full (test)");
                    }
                    memory.write(batch);
                }

                @Override
                public long lastApplied() {
                    return memory.lastApplied();
                }

                @Override
                public io.cairn.storage.digest.Digest digest() {
                    return memory.digest();
                }

                @Override
                public void close() {
                    memory.close();
                }
            };
            io.cairn.storage.index.IndexStoreException e = assertThrows(io.cairn.storage.index.IndexStoreException.class,
                    () -> replayer.replay(journal, failing, 1));
            assertEquals("disk full (test)", e.getMessage());
            assertEquals(16_384, memory.lastApplied(), "the first batch is written, nothing after the failed one");
            assertEquals(2, writes[0], "no write after the failed one");
        }
    }

    @Test
    void aLongReplayOverADamagedEntryHandsOverEverythingBeforeItAndThenFailsClosed() throws Exception {
        Path journalDir = dir.resolve("journal");
        try (Journal journal = ChronicleJournal.open(journalDir, Durability.PROCESS)) {
            appendLong(journal);
            append(journal, 1, volume("damaged-here"));
            appendLong(journal);
        }
        JournalDamage.flipByteOf(journalDir, "damaged-here");
        try (Journal journal = ChronicleJournal.open(journalDir, Durability.PROCESS)) {
            MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
            io.cairn.journal.JournalDamagedException e = assertThrows(io.cairn.journal.JournalDamagedException.class,
                    () -> replayer.replay(journal, store, 1));
            assertEquals(LONG + 1, e.firstBadIndex());
            assertEquals(16_384, store.lastApplied(), "whole batches before the damage are written, no entry after it");
        }
    }
}
