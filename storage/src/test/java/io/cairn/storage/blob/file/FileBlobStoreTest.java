package io.cairn.storage.blob.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.blob.DigestMismatchException;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {

    @TempDir
    Path root;
    private Path blobs;
    private Path tmp;
    private FileBlobStore store;

    @BeforeEach
    void open() throws IOException {
        blobs = root.resolve("blobs");
        tmp = root.resolve("tmp");
        store = FileBlobStore.open(blobs, tmp);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void putStoresUnderAlgorithmAndHexAndReadsBack() throws IOException {
        byte[] content = "hello, blob".getBytes(UTF_8);
        Digest d = store.put(content);
        assertEquals(Digest.sha256(content), d);
        Path file = blobs.resolve("sha256").resolve(d.hex());
        assertEquals(file, store.path(d));
        assertArrayEquals(content, Files.readAllBytes(file));
        assertTrue(store.exists(d));
        assertEquals(content.length, store.size(d));
        try (InputStream in = store.open(d)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(List.of(d), store.list());
        assertEquals(List.of(), files(tmp), "no temp file left");
    }

    @Test
    void aStreamLargerThanTheBufferIsHashedAndCopiedWhole() throws IOException {
        byte[] content = random(3 * FileBlobStore.BUFFER_SIZE + 17, 1);
        // A stream that returns short reads, as network streams do.
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        Digest d = store.put(trickle);
        assertEquals(Digest.sha256(content), d);
        assertEquals(content.length, store.size(d));
        try (InputStream in = store.open(d)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(store.verify(d));
    }

    @Test
    void emptyContentIsABlob() throws IOException {
        Digest d = store.put(new byte[0]);
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d.toString());
        assertEquals(0, store.size(d));
        assertTrue(store.verify(d));
    }

    @Test
    void puttingStoredContentAgainSucceedsAndKeepsOneCopy() throws IOException {
        byte[] content = random(1000, 2);
        Digest first = store.put(content);
        Digest second = store.put(new ByteArrayInputStream(content));
        store.put(first, new ByteArrayInputStream(content));
        assertEquals(first, second);
        assertEquals(List.of(first), store.list());
        assertEquals(1, files(blobs.resolve("sha256")).size());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void putWithTheExpectedDigestStoresIt() throws IOException {
        byte[] content = random(5000, 3);
        Digest expected = Digest.sha256(content);
        store.put(expected, new ByteArrayInputStream(content));
        assertTrue(store.exists(expected));
        assertTrue(store.verify(expected));
    }

    @Test
    void aMismatchThrowsNamingBothDigestsAndStoresNothing() throws IOException {
        byte[] content = "actual".getBytes(UTF_8);
        Digest announced = Digest.sha256("announced");
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> store.put(announced, new ByteArrayInputStream(content)));
        assertEquals(announced, e.expected());
        assertEquals(Digest.sha256(content), e.actual());
        assertTrue(e.getMessage().contains(announced.toString()) && e.getMessage().contains(e.actual().toString()),
                e.getMessage());
        assertFalse(store.exists(announced));
        assertFalse(store.exists(e.actual()));
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void aMismatchAgainstAStoredBlobLeavesItIntact() throws IOException {
        byte[] content = "stored".getBytes(UTF_8);
        Digest d = store.put(content);
        assertThrows(DigestMismatchException.class, () -> store.put(d, new ByteArrayInputStream(b("other"))));
        assertTrue(store.verify(d));
        assertArrayEquals(content, Files.readAllBytes(store.path(d)));
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void sha512ContentIsStoredUnderItsOwnDirectory() throws IOException {
        byte[] content = "five twelve".getBytes(UTF_8);
        Digest d = Digest.of("sha512", Digest.newMessageDigest("sha512").digest(content));
        store.put(d, new ByteArrayInputStream(content));
        assertEquals(blobs.resolve("sha512").resolve(d.hex()), store.path(d));
        assertTrue(store.verify(d));
        Digest sha256 = store.put(content);
        assertEquals(List.of(sha256, d), store.list());
    }

    @Test
    void aTamperedBlobFailsVerify() throws IOException {
        Digest d = store.put(random(10_000, 4));
        assertTrue(store.verify(d));
        Path file = store.path(d);
        file.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[5000] ^= 1;
        Files.write(file, bytes);
        assertFalse(store.verify(d));
        Files.write(file, new byte[0]);
        assertFalse(store.verify(d));
    }

    @Test
    void storedBlobsAreReadOnlyAndPrivate() throws IOException {
        Digest d = store.put(b("read only"));
        assertEquals("r--------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.path(d))));
    }

    @Test
    void anAbsentBlobIsNamedInTheError() {
        Digest absent = Digest.sha256("absent");
        for (Callable<?> call : List.<Callable<?>>of(() -> store.open(absent), () -> store.size(absent),
                () -> store.verify(absent))) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, call::call);
            assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
        }
        assertFalse(store.exists(absent));
    }

    @Test
    void deleteRemovesAndIsIdempotent() throws IOException {
        Digest keep = store.put(b("keep"));
        Digest drop = store.put(b("drop"));
        store.delete(drop);
        assertFalse(store.exists(drop));
        assertFalse(Files.exists(store.path(drop)));
        store.delete(drop);
        store.delete(Digest.sha256("never stored"));
        assertEquals(List.of(keep), store.list());
        assertTrue(store.verify(keep));
    }

    @Test
    void listIsSortedAndIgnoresTempAndForeignFiles() throws IOException {
        List<Digest> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stored.add(store.put(b("blob " + i)));
        }
        // A crash mid-ingest leaves a temp file; someone drops junk beside the blobs.
        Files.write(tmp.resolve("blob-123.tmp"), b("partial"));
        Files.write(blobs.resolve("sha256").resolve("not-a-digest"), b("junk"));
        Files.write(blobs.resolve("sha256").resolve(Digest.sha256("x").hex().toUpperCase()), b("junk"));
        Files.createDirectories(blobs.resolve("md5"));
        List<Digest> listed = store.list();
        List<Digest> sorted = new ArrayList<>(stored);
        sorted.sort(null);
        assertEquals(sorted, listed);
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).toString().compareTo(listed.get(i).toString()) < 0);
        }
    }

    @Test
    void aFailingStreamStoresNothing() throws IOException {
        byte[] content = random(200_000, 5);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(content)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 100_000) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> store.put(failing));
        assertEquals("connection reset", e.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void aProducerWritingSmallAndLargePiecesStoresExactlyWhatItWrote() throws IOException {
        byte[] content = random(5 * FileBlobStore.BUFFER_SIZE + 333, 7);
        Digest d = store.put(out -> {
            int at = 0;
            int[] sizes = {1, 10_240, FileBlobStore.BUFFER_SIZE, 2 * FileBlobStore.BUFFER_SIZE + 5, 512};
            for (int i = 0; at < content.length; i++) {
                int n = Math.min(sizes[i % sizes.length], content.length - at);
                if (n == 1) {
                    out.write(content[at]);
                } else {
                    out.write(content, at, n);
                }
                at += n;
            }
            out.close(); // a producer that closes its stream (a tar writer) must not cut the blob short
        });
        assertEquals(Digest.sha256(content), d);
        try (InputStream in = store.open(d)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(store.verify(d));
        assertEquals(List.of(), files(tmp), "no temp file left");
    }

    @Test
    void aProducerThatFailsMidwayStoresNothing() throws IOException {
        byte[] content = random(300_000, 8);
        IOException e = assertThrows(IOException.class, () -> store.put(out -> {
            out.write(content, 0, 200_000);
            throw new IOException("packing failed");
        }));
        assertEquals("packing failed", e.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void aProducerOfStoredContentLeavesTheStoredBlobAsItWas() throws IOException {
        byte[] content = random(100_000, 9);
        Digest d = store.put(content);
        assertEquals(d, store.put(out -> out.write(content)));
        assertEquals(List.of(d), store.list());
        assertTrue(store.verify(d));
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceed() throws Exception {
        byte[] content = random(4 * FileBlobStore.BUFFER_SIZE, 6);
        Digest expected = Digest.sha256(content);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean announced = t % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    if (announced) {
                        store.put(expected, new ByteArrayInputStream(content));
                        return expected;
                    }
                    return store.put(new ByteArrayInputStream(content));
                }));
            }
            start.countDown();
            for (Future<Digest> r : results) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(expected), store.list());
        assertTrue(store.verify(expected));
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void reopeningSeesStoredBlobs() throws IOException {
        Digest d = store.put(b("durable"));
        FileBlobStore again = FileBlobStore.open(blobs, tmp);
        assertTrue(again.exists(d));
        assertEquals(List.of(d), again.list());
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}
