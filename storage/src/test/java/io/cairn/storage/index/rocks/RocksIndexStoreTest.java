package io.cairn.storage.index.rocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.IndexStoreContractTest;
import io.cairn.storage.index.IndexStoreException;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksIndexStoreTest extends IndexStoreContractTest {

    @TempDir
    Path tmp;
    private int count;

    @Override
    protected IndexStore newStore(List<String> families) {
        return RocksIndexStore.open(tmp.resolve("index-" + count++), families, false);
    }

    @Test
    void contentAndLastAppliedSurviveReopen() {
        Path dir = tmp.resolve("persist");
        try (RocksIndexStore s = RocksIndexStore.open(dir, FAMILIES, true)) {
            s.write(fill("images", 100).lastApplied(41));
            s.write(new IndexBatch().delete("images", b("key-000007")).lastApplied(42));
        }
        try (RocksIndexStore s = RocksIndexStore.open(dir, FAMILIES, true)) {
            assertEquals(42, s.lastApplied());
            assertNull(s.get("images", b("key-000007")));
            assertArrayEquals(fillValue(8), s.get("images", b("key-000008")));
            int[] n = {0};
            s.scan("images", new byte[0], (k, v) -> ++n[0] > 0);
            assertEquals(99, n[0]);
        }
    }

    @Test
    void familiesNotAskedForAreKeptOnDisk() {
        Path dir = tmp.resolve("families");
        try (RocksIndexStore s = RocksIndexStore.open(dir, List.of("a", "b"), false)) {
            s.write(new IndexBatch().put("a", b("k"), b("A")).put("b", b("k"), b("B")));
        }
        try (RocksIndexStore s = RocksIndexStore.open(dir, List.of("a"), false)) {
            assertArrayEquals(b("A"), s.get("a", b("k")));
            assertThrows(IllegalArgumentException.class, () -> s.get("b", b("k")));
        }
        try (RocksIndexStore s = RocksIndexStore.open(dir, List.of("a", "b", "c"), false)) {
            assertArrayEquals(b("B"), s.get("b", b("k")));
            assertNull(s.get("c", b("k")));
        }
    }

    @Test
    void digestEqualsTheMemoryStoreForEqualContent() {
        try (RocksIndexStore rocks = RocksIndexStore.open(tmp.resolve("digest"), FAMILIES, false);
                MemoryIndexStore memory = MemoryIndexStore.open(FAMILIES)) {
            for (IndexStore s : List.of(rocks, memory)) {
                s.write(fill("layers", 500).put("tags", bytes(0xff, 0x00), bytes(0x80)).lastApplied(3));
            }
            memory.write(new IndexBatch().lastApplied(1000));
            assertEquals(memory.digest(), rocks.digest());
            rocks.write(new IndexBatch().delete("layers", b("key-000499")));
            assertFalse(memory.digest().equals(rocks.digest()));
        }
    }

    @Test
    void digestSpansFlushedAndUnflushedData() {
        Path dir = tmp.resolve("flushed");
        try (MemoryIndexStore memory = MemoryIndexStore.open(FAMILIES)) {
            try (RocksIndexStore rocks = RocksIndexStore.open(dir, FAMILIES, false)) {
                // Larger than the memtable budget, so part of it is flushed to SST files.
                for (int round = 0; round < 8; round++) {
                    IndexBatch batch = new IndexBatch();
                    for (int i = 0; i < 1000; i++) {
                        batch.put("images", b(String.format("r%02d-%04d", round, i)), new byte[1024]);
                    }
                    rocks.write(batch);
                    memory.write(batch);
                }
            }
            try (RocksIndexStore rocks = RocksIndexStore.open(dir, FAMILIES, false)) {
                assertEquals(memory.digest(), rocks.digest());
            }
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsNamingIt() {
        Path dir = tmp.resolve("locked");
        try (RocksIndexStore s = RocksIndexStore.open(dir, FAMILIES, false)) {
            IndexStoreException e = assertThrows(IndexStoreException.class,
                    () -> RocksIndexStore.open(dir, FAMILIES, false));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            s.write(new IndexBatch().put("images", b("still"), b("usable")));
        }
    }

    @Test
    void destroyDeletesAClosedStoreAndRefusesAnOpenOne() {
        Path dir = tmp.resolve("doomed");
        RocksIndexStore s = RocksIndexStore.open(dir, FAMILIES, false);
        s.write(fill("images", 10).lastApplied(5));
        IndexStoreException e = assertThrows(IndexStoreException.class, () -> RocksIndexStore.destroy(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertArrayEquals(fillValue(3), s.get("images", b("key-000003")));
        s.close();
        RocksIndexStore.destroy(dir);
        assertFalse(Files.exists(dir));
        RocksIndexStore.destroy(dir);
        try (RocksIndexStore fresh = RocksIndexStore.open(dir, FAMILIES, false)) {
            assertEquals(0, fresh.lastApplied());
            assertNull(fresh.get("images", b("key-000003")));
        }
    }

    private static byte[] fillValue(int i) {
        return java.util.Arrays.copyOf(b("value-" + i), 32);
    }
}
