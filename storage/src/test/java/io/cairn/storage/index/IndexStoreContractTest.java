package io.cairn.storage.index;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.digest.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link IndexStore} contract, run against every implementation (in the manner of containerd's
 * snapshotter test suite): subclasses say how to open a fresh store.
 */
public abstract class IndexStoreContractTest {

    protected static final List<String> FAMILIES = List.of("images", "tags", "layers");

    private final List<IndexStore> opened = new ArrayList<>();

    /** Opens a new, empty store with {@code families} (plus meta). */
    protected abstract IndexStore newStore(List<String> families) throws IOException;

    protected final IndexStore store(List<String> families) throws IOException {
        IndexStore store = newStore(families);
        opened.add(store);
        return store;
    }

    protected final IndexStore store() throws IOException {
        return store(FAMILIES);
    }

    @AfterEach
    void closeStores() throws IOException {
        for (IndexStore s : opened) {
            s.close();
        }
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    protected static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    protected static void put(IndexStore s, String family, String key, String value) {
        s.write(new IndexBatch().put(family, b(key), b(value)));
    }

    private static List<byte[]> scanKeys(IndexStore s, String family, byte[] prefix) {
        List<byte[]> keys = new ArrayList<>();
        s.scan(family, prefix, (k, v) -> keys.add(k));
        return keys;
    }

    @Test
    void getPutOverwriteDelete() throws IOException {
        IndexStore s = store();
        assertNull(s.get("images", b("a")));
        put(s, "images", "a", "1");
        assertArrayEquals(b("1"), s.get("images", b("a")));
        put(s, "images", "a", "2");
        assertArrayEquals(b("2"), s.get("images", b("a")));
        assertNull(s.get("tags", b("a")), "families are separate key spaces");
        s.write(new IndexBatch().delete("images", b("a")));
        assertNull(s.get("images", b("a")));
        s.write(new IndexBatch().delete("images", b("never-there")));
        assertNull(s.get("images", b("never-there")));
    }

    @Test
    void emptyKeysAndValuesAreEntries() throws IOException {
        IndexStore s = store();
        s.write(new IndexBatch().put("images", new byte[0], new byte[0]));
        assertArrayEquals(new byte[0], s.get("images", new byte[0]));
        assertEquals(1, scanKeys(s, "images", new byte[0]).size());
    }

    @Test
    void returnedArraysDoNotAliasTheStore() throws IOException {
        IndexStore s = store();
        byte[] value = b("value");
        s.write(new IndexBatch().put("images", b("k"), value));
        value[0] = 'X';
        byte[] read = s.get("images", b("k"));
        assertArrayEquals(b("value"), read);
        read[0] = 'Y';
        assertArrayEquals(b("value"), s.get("images", b("k")));
    }

    @Test
    void unknownFamilyIsRejectedAndTheBatchChangesNothing() throws IOException {
        IndexStore s = store();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.write(new IndexBatch().put("images", b("a"), b("1")).put("nope", b("b"), b("2"))
                        .lastApplied(5)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertNull(s.get("images", b("a")));
        assertEquals(0, s.lastApplied());
        assertThrows(IllegalArgumentException.class, () -> s.get("nope", b("a")));
        assertThrows(IllegalArgumentException.class, () -> s.scan("nope", new byte[0], (k, v) -> true));
    }

    @Test
    void invalidFamilyNamesAreRejectedAtOpen() {
        for (List<String> bad : List.of(List.of("default"), List.of(""), List.of("a/b"), List.of("x y"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store(bad));
            assertTrue(e.getMessage().contains("\"" + bad.get(0) + "\""), e.getMessage());
        }
    }

    @Test
    void scanIsInUnsignedKeyOrder() throws IOException {
        IndexStore s = store();
        List<byte[]> expected = List.of(bytes(), bytes(0x00), bytes(0x01), bytes(0x01, 0x00), bytes(0x7f),
                bytes(0x80), bytes(0xfe, 0xff), bytes(0xff), bytes(0xff, 0x00), bytes(0xff, 0xff));
        IndexBatch batch = new IndexBatch();
        List<byte[]> shuffled = new ArrayList<>(expected);
        java.util.Collections.shuffle(shuffled, new java.util.Random(42));
        for (byte[] k : shuffled) {
            batch.put("layers", k, k);
        }
        s.write(batch);
        List<byte[]> keys = scanKeys(s, "layers", new byte[0]);
        assertEquals(expected.size(), keys.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), keys.get(i), "position " + i);
        }
    }

    @Test
    void prefixScanReturnsExactlyTheMatchingKeys() throws IOException {
        IndexStore s = store();
        IndexBatch batch = new IndexBatch();
        for (String k : List.of("img", "img/a", "img/b", "img/b/c", "imh", "im", "tag/a")) {
            batch.put("images", b(k), b("v:" + k));
        }
        batch.put("tags", b("img/z"), b("other family"));
        s.write(batch);
        assertEquals(List.of("img/", "img/a", "img/b", "img/b/c").subList(1, 4),
                scanKeys(s, "images", b("img/")).stream().map(k -> new String(k, UTF_8)).toList());
        List<String> values = new ArrayList<>();
        s.scan("images", b("img/b"), (k, v) -> values.add(new String(v, UTF_8)));
        assertEquals(List.of("v:img/b", "v:img/b/c"), values);
        assertTrue(scanKeys(s, "images", b("zzz")).isEmpty());
        assertEquals(7, scanKeys(s, "images", new byte[0]).size());
    }

    @Test
    void prefixScanHandlesHighBytes() throws IOException {
        IndexStore s = store();
        IndexBatch batch = new IndexBatch();
        for (byte[] k : List.of(bytes(0x01, 0xff), bytes(0x01, 0xff, 0x00), bytes(0x01, 0xff, 0xff), bytes(0x02),
                bytes(0xff), bytes(0xff, 0xff), bytes(0xff, 0xff, 0x01), bytes(0xfe))) {
            batch.put("layers", k, bytes(1));
        }
        s.write(batch);
        List<byte[]> k01ff = scanKeys(s, "layers", bytes(0x01, 0xff));
        assertEquals(3, k01ff.size());
        assertArrayEquals(bytes(0x01, 0xff, 0xff), k01ff.get(2));
        List<byte[]> kff = scanKeys(s, "layers", bytes(0xff, 0xff));
        assertEquals(2, kff.size());
        assertArrayEquals(bytes(0xff, 0xff, 0x01), kff.get(1));
        assertEquals(3, scanKeys(s, "layers", bytes(0xff)).size());
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() throws IOException {
        IndexStore s = store();
        IndexBatch batch = new IndexBatch();
        for (int i = 0; i < 10; i++) {
            batch.put("tags", b("k" + i), b("v"));
        }
        s.write(batch);
        List<String> seen = new ArrayList<>();
        s.scan("tags", b("k"), (k, v) -> {
            seen.add(new String(k, UTF_8));
            return seen.size() < 3;
        });
        assertEquals(List.of("k0", "k1", "k2"), seen);
    }

    @Test
    void scanSeesASnapshotAndTheVisitorMayWrite() throws IOException {
        IndexStore s = store();
        put(s, "tags", "a", "1");
        put(s, "tags", "b", "1");
        List<String> seen = new ArrayList<>();
        s.scan("tags", new byte[0], (k, v) -> {
            seen.add(new String(k, UTF_8) + "=" + new String(v, UTF_8));
            s.write(new IndexBatch().put("tags", b("b"), b("2")).put("tags", b("c"), b("2")));
            return true;
        });
        assertEquals(List.of("a=1", "b=1"), seen);
        assertArrayEquals(b("2"), s.get("tags", b("c")));
    }

    @Test
    void opsInABatchApplyInOrder() throws IOException {
        IndexStore s = store();
        s.write(new IndexBatch().put("images", b("x"), b("1")).delete("images", b("x"))
                .delete("images", b("y")).put("images", b("y"), b("2"))
                .put("images", b("z"), b("1")).put("images", b("z"), b("3")));
        assertNull(s.get("images", b("x")));
        assertArrayEquals(b("2"), s.get("images", b("y")));
        assertArrayEquals(b("3"), s.get("images", b("z")));
    }

    @Test
    void readersNeverSeeHalfABatch() throws Exception {
        IndexStore s = store();
        int keys = 8;
        int rounds = 500;
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            for (int r = 0; r < rounds * 4 && failure.get() == null; r++) {
                List<String> values = new ArrayList<>();
                s.scan("images", b("k"), (k, v) -> values.add(new String(v, UTF_8)));
                if (!values.isEmpty() && (values.size() != keys || values.stream().distinct().count() != 1)) {
                    failure.set("torn read: " + values);
                }
            }
        });
        reader.start();
        for (int r = 0; r < rounds; r++) {
            IndexBatch batch = new IndexBatch().lastApplied(r);
            for (int k = 0; k < keys; k++) {
                batch.put("images", b("k" + k), b(Integer.toString(r)));
            }
            s.write(batch);
        }
        reader.join();
        assertNull(failure.get(), failure.get());
        assertEquals(rounds - 1, s.lastApplied());
    }

    @Test
    void lastAppliedStartsAtZeroAndFollowsBatchesThatSetIt() throws IOException {
        IndexStore s = store();
        assertEquals(0, s.lastApplied());
        s.write(new IndexBatch().put("images", b("a"), b("1")).lastApplied(7));
        assertEquals(7, s.lastApplied());
        s.write(new IndexBatch().put("images", b("b"), b("1")));
        assertEquals(7, s.lastApplied(), "a batch without a mark leaves it");
        s.write(new IndexBatch().lastApplied(9));
        assertEquals(9, s.lastApplied(), "a batch with only a mark sets it");
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0, 9), s.get(IndexStore.META, IndexStore.LAST_APPLIED_KEY),
                "8-byte big-endian under meta:lastApplied");
        s.write(new IndexBatch().lastApplied(0x0102030405060708L));
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8), s.get(IndexStore.META, IndexStore.LAST_APPLIED_KEY));
    }

    @Test
    void emptyStoreDigestIsSha256OfNothing() throws IOException {
        assertEquals(Digest.sha256(new byte[0]), store().digest());
    }

    @Test
    void digestFollowsTheDocumentedEncoding() throws IOException {
        IndexStore s = store();
        s.write(new IndexBatch().put("tags", b("t1"), b("v1")).put("images", bytes(0x80), b("x"))
                .put("images", bytes(0x01), new byte[0]));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        for (Object[] e : new Object[][] {
                {"images", bytes(0x01), new byte[0]}, {"images", bytes(0x80), b("x")}, {"tags", b("t1"), b("v1")}}) {
            for (byte[] part : new byte[][] {b((String) e[0]), (byte[]) e[1], (byte[]) e[2]}) {
                out.writeInt(part.length);
                out.write(part);
            }
        }
        assertEquals(Digest.sha256(expected.toByteArray()), s.digest());
    }

    @Test
    void equalContentBuiltInDifferentOrdersHasEqualDigests() throws IOException {
        IndexStore one = store();
        one.write(new IndexBatch().put("images", b("a"), b("1")).put("tags", b("t"), b("a")).lastApplied(3));
        one.write(new IndexBatch().put("images", b("b"), b("2")).put("layers", b("gone"), b("x")));
        one.write(new IndexBatch().delete("layers", b("gone")).put("images", b("a"), b("1")));

        IndexStore two = store(List.of("tags", "layers", "images", "extra-empty-family"));
        two.write(new IndexBatch().put("tags", b("t"), b("a")));
        two.write(new IndexBatch().put("images", b("b"), b("old")));
        two.write(new IndexBatch().put("images", b("b"), b("2")).put("images", b("a"), b("1")).lastApplied(99));

        assertEquals(one.digest(), two.digest());
    }

    @Test
    void differentContentHasDifferentDigests() throws IOException {
        IndexStore base = store();
        put(base, "images", "a", "1");
        IndexStore otherValue = store();
        put(otherValue, "images", "a", "2");
        IndexStore otherKey = store();
        put(otherKey, "images", "b", "1");
        IndexStore otherFamily = store();
        put(otherFamily, "layers", "a", "1");
        IndexStore extraEntry = store();
        put(extraEntry, "images", "a", "1");
        put(extraEntry, "tags", "a", "1");
        // Same concatenated bytes, different split between key and value: framing tells them apart.
        IndexStore reframed = store();
        put(reframed, "images", "a1", "");

        List<Digest> digests = List.of(base.digest(), otherValue.digest(), otherKey.digest(),
                otherFamily.digest(), extraEntry.digest(), reframed.digest());
        assertEquals(digests.size(), digests.stream().distinct().count(), digests.toString());
    }

    @Test
    void metaIsExcludedFromTheDigest() throws IOException {
        IndexStore s = store();
        put(s, "images", "a", "1");
        Digest before = s.digest();
        s.write(new IndexBatch().lastApplied(42).put(IndexStore.META, b("schema"), b("7")));
        assertEquals(before, s.digest());
        assertArrayEquals(b("7"), s.get(IndexStore.META, b("schema")));
    }

    @Test
    void closedStoreRefusesUseAndCloseIsIdempotent() throws IOException {
        IndexStore s = newStore(FAMILIES);
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.get("images", b("a")));
        assertThrows(IllegalStateException.class, () -> s.write(new IndexBatch().put("images", b("a"), b("1"))));
        assertThrows(IllegalStateException.class, s::digest);
    }

    /** For subclasses: a batch that fills {@code family} with {@code n} entries. */
    protected static IndexBatch fill(String family, int n) {
        IndexBatch batch = new IndexBatch();
        for (int i = 0; i < n; i++) {
            batch.put(family, b(String.format("key-%06d", i)), Arrays.copyOf(b("value-" + i), 32));
        }
        return batch;
    }
}
