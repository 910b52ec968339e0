package io.cairn.storage.index.rocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.IndexStoreContractTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened for a rebuild (no WAL, flushed when closed) keeps the whole contract while it is
 * filled, and what it held before {@link RocksIndexStore#close()} is what a normal open finds.
 */
class RocksRebuildStoreTest extends IndexStoreContractTest {

    @TempDir
    Path tmp;
    private int count;

    @Override
    protected IndexStore newStore(List<String> families) {
        return RocksIndexStore.openForRebuild(tmp.resolve("index-" + count++), families, RocksSettings.DEFAULTS);
    }

    @Test
    void closingFlushesWhatTheMemtablesHeld() {
        Path dir = tmp.resolve("rebuilt");
        String digest;
        try (RocksIndexStore s = RocksIndexStore.openForRebuild(dir, FAMILIES, RocksSettings.DEFAULTS)) {
            s.write(fill("images", 5_000).lastApplied(1));
            s.write(new IndexBatch().delete("images", b("key-000007")).put("tags", b("t"), b("x")).lastApplied(2));
            digest = s.digest().toString();
        }
        try (RocksIndexStore s = RocksIndexStore.open(dir, FAMILIES, false)) {
            assertEquals(2, s.lastApplied());
            assertNull(s.get("images", b("key-000007")));
            assertArrayEquals(b("x"), s.get("tags", b("t")));
            assertEquals(digest, s.digest().toString());
        }
    }
}
