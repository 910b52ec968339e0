package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLayerStoreTest {
    @TempDir
    Path root;
    LocalLayerStore store;
    byte[] base;
    byte[] top;

    @BeforeEach
    void setUp() throws IOException {
        store = new LocalLayerStore(root.resolve("layers"), root.resolve("tmp"));
        base = new RawTar().dir("etc").file("etc/os-release", "ID=cairn\n").dir("bin").file("bin/sh", "#!")
                .end().bytes();
        top = new RawTar().file("etc/motd", "hello\n").file(".wh.bin", "").end().bytes();
    }

    private RegisteredLayer register(byte[] blob, LayerSpec spec) throws IOException {
        return store.register(new ByteArrayInputStream(blob), spec);
    }

    private List<String> staging() throws IOException {
        try (var s = Files.list(root.resolve("tmp"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void registersAStackNamedByChainIds() throws IOException {
        RegisteredLayer b = register(base, LayerSpec.base());
        RegisteredLayer t = register(top, LayerSpec.base().withParent(b.layer().chainId()));

        Digest baseDiff = Digest.sha256(base);
        Digest topDiff = Digest.sha256(top);
        assertTrue(b.created());
        assertEquals(baseDiff, b.layer().diffId());
        assertEquals(baseDiff, b.layer().chainId(), "ChainID(L0) = DiffID(L0)");
        assertEquals(Digest.sha256(baseDiff + " " + topDiff), t.layer().chainId());
        assertEquals(ChainIds.of(List.of(baseDiff, topDiff)), t.layer().chainId());
        assertEquals(Optional.of(b.layer().chainId()), t.layer().parent());
        assertEquals(base.length, b.layer().diffSize());
        assertEquals(base.length, b.blobSize());

        Path dir = store.path(b.layer().chainId());
        assertEquals(root.resolve("layers").resolve(baseDiff.hex()).resolve("diff"), dir);
        assertEquals("ID=cairn\n", Files.readString(dir.resolve("etc/os-release")));
        assertTrue(Posix.lstat(store.path(t.layer().chainId()).resolve("bin")).isWhiteout());
        assertEquals(List.of(b.layer().chainId(), t.layer().chainId()).stream().sorted().toList(), store.list());
        assertEquals(Optional.of(t.layer()), store.info(t.layer().chainId()));
        assertEquals(TreeManifest.of(dir).digest(), b.layer().treeDigest());
        assertEquals(List.of(), staging());
    }

    @Test
    void registeringAgainSucceedsWithoutUnpackingTwice() throws IOException {
        RegisteredLayer first = register(base, LayerSpec.base());
        Path marker = store.path(first.layer().chainId()).resolve("etc/os-release");
        long inode = Posix.lstat(marker).ino();

        RegisteredLayer again = register(base, LayerSpec.base());
        assertFalse(again.created());
        assertEquals(first.layer(), again.layer());
        assertEquals(inode, Posix.lstat(marker).ino(), "the published tree is untouched");

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(base);
        }
        RegisteredLayer known = register(gz.toByteArray(),
                LayerSpec.base().withDiffId(first.layer().diffId()).withBlobDigest(Digest.sha256(gz.toByteArray())));
        assertFalse(known.created());
        assertEquals(Compression.GZIP, known.compression());
        assertEquals(Digest.sha256(gz.toByteArray()), known.blobDigest());
        assertEquals(inode, Posix.lstat(marker).ino());
        assertEquals(List.of(first.layer().chainId()), store.list());
        assertEquals(List.of(), staging());
    }

    @Test
    void aKnownLayerIsStillCheckedAgainstItsAnnouncedDigests() throws IOException {
        RegisteredLayer first = register(base, LayerSpec.base());
        LayerDigestMismatchException e = assertThrows(LayerDigestMismatchException.class,
                () -> register(top, LayerSpec.base().withDiffId(first.layer().diffId())));
        assertEquals(first.layer().diffId(), e.expected());
        assertEquals(Digest.sha256(top), e.actual());
        assertTrue(e.getMessage().contains("diffID mismatch"), e.getMessage());
    }

    @Test
    void aDiffIdMismatchLeavesNothing() throws IOException {
        Digest wrong = Digest.sha256("not this layer");
        LayerDigestMismatchException e = assertThrows(LayerDigestMismatchException.class,
                () -> register(base, LayerSpec.base().withDiffId(wrong)));
        assertEquals(wrong, e.expected());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), staging());
    }

    @Test
    void aMissingParentIsRefused() {
        Digest parent = Digest.sha256("no such layer");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> register(top, LayerSpec.base().withParent(parent)));
        assertTrue(e.getMessage().contains(parent.toString()), e.getMessage());
    }

    @Test
    void removeIsIdempotentAndLeavesNoTrash() throws IOException {
        Digest id = register(base, LayerSpec.base()).layer().chainId();
        store.remove(id);
        store.remove(id);
        assertFalse(store.exists(id));
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), staging());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.path(id));
        assertTrue(e.getMessage().contains(id.toString()), e.getMessage());
    }

    @Test
    void verifyNamesEveryEntryThatChanged() throws IOException {
        LayerInfo layer = register(base, LayerSpec.base()).layer();
        Digest id = layer.chainId();
        LayerVerification clean = store.verify(id, layer.treeDigest());
        assertTrue(clean.intact());
        assertEquals(List.of(), clean.changes());

        Path dir = store.path(id);
        Files.writeString(dir.resolve("etc/os-release"), "ID=tampered\n");
        Posix.chmod(dir.resolve("bin/sh"), 04755);
        Files.writeString(dir.resolve("bin/extra"), "x");
        Posix.setXattr(dir.resolve("etc"), "user.note", new byte[] {1});

        LayerVerification v = store.verify(id, layer.treeDigest());
        assertFalse(v.intact());
        assertEquals(layer.treeDigest(), v.expected());
        assertEquals(List.of("added: bin/extra", "changed: bin/sh (mode)", "changed: etc (xattrs)",
                "changed: etc/os-release (content)"), v.changes());
    }

    @Test
    void verifySaysSoWhenItsRecordIsTamperedToo() throws IOException {
        LayerInfo layer = register(base, LayerSpec.base()).layer();
        Path dir = store.path(layer.chainId());
        Files.writeString(dir.resolve("bin/sh"), "changed");
        Files.writeString(dir.resolveSibling("tree"), "cairn-tree v1\n");
        LayerVerification v = store.verify(layer.chainId(), layer.treeDigest());
        assertFalse(v.intact());
        assertEquals(1, v.changes().size());
        assertTrue(v.changes().get(0).contains("cannot name the entries"), v.changes().toString());
    }

    @Test
    void concurrentRegistrationsOfOneLayerPublishItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<RegisteredLayer> task = () -> register(base, LayerSpec.base());
            List<Future<RegisteredLayer>> results = pool.invokeAll(List.of(task, task, task, task));
            long created = 0;
            for (Future<RegisteredLayer> f : results) {
                created += f.get().created() ? 1 : 0;
                assertEquals(Digest.sha256(base), f.get().layer().chainId());
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.list().size());
        assertEquals(List.of(), staging());
    }
}
