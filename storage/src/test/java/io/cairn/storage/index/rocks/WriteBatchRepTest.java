package io.cairn.storage.index.rocks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.Keys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

/** The serialized batch is byte for byte what RocksJava builds with one call per op. */
class WriteBatchRepTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRocksJavasBatchForEveryRecordKindAndLengthBoundary() throws Exception {
        RocksNativeLibrary.load();
        List<String> names = List.of("default", "images", "meta");
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB db = RocksDB.open(options, tmp.toString(), descriptors, handles)) {
            Map<String, ColumnFamilyHandle> byName = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), handles.get(i));
            }
            IndexBatch batch = new IndexBatch()
                    .put("images", bytes(1, 'k'), bytes(0, 'v'))
                    .delete("images", bytes(127, 'a'))
                    .put("default", bytes(128, 'b'), bytes(16_383, 'c'))
                    .delete("default", bytes(3, 'd'))
                    .put("images", bytes(16_384, 'e'), bytes(2_200_000, 'f'))
                    .delete("images", bytes(0, 'g'))
                    .lastApplied(1L << 40);
            byte[] mark = Keys.encodeLong(batch.lastApplied());
            byte[] rep = WriteBatchRep.encode(batch.ops(), f -> byName.get(f).getID(), byName.get("meta").getID(),
                    IndexStore.LAST_APPLIED_KEY, mark);
            try (WriteBatch expected = new WriteBatch()) {
                for (IndexBatch.Op op : batch.ops()) {
                    if (op.value() == null) {
                        expected.delete(byName.get(op.family()), op.key());
                    } else {
                        expected.put(byName.get(op.family()), op.key(), op.value());
                    }
                }
                expected.put(byName.get("meta"), IndexStore.LAST_APPLIED_KEY, mark);
                assertArrayEquals(expected.data(), rep);
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void anEmptyBatchIsTheHeaderAlone() {
        assertArrayEquals(new byte[12], WriteBatchRep.encode(List.of(), f -> 1, 2, null, null));
    }

    private static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
