package io.cairn.storage.index.rocks;

import io.cairn.testing.Tools;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the store lives on an 8 MiB tmpfs (needs root; skipped otherwise) that a
 * filler file fills up until RocksDB's WAL append fails with ENOSPC.
 */
class RocksIndexStoreFullDiskTest {

    @TempDir
    Path tmp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectory(tmp.resolve("tmpfs"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        mounted = p.waitFor() == 0;
        Tools.requireThat(mounted, "a tmpfs mount (root): mount said " + out.trim());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Process p = new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            assertEquals(0, p.waitFor(), "umount " + mount + ": " + out);
        }
    }

    @Test
    void aWriteOnAFullDiskFailsNamingTheDirectoryThenTheStoreRecovers() throws IOException {
        Path dir = mount.resolve("index");
        Path filler = mount.resolve("filler");
        byte[] value = new byte[4096];
        int written = 0;
        try (RocksIndexStore store = RocksIndexStore.open(dir, List.of("images"), true)) {
            fillLeaving(filler, 96 << 10);
            IndexStoreException failure = null;
            for (; written < 10_000 && failure == null; written++) {
                try {
                    store.write(new IndexBatch().put("images", key(written), value).lastApplied(written + 1));
                } catch (IndexStoreException e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "10,000 writes of 4 KiB fitted in 8 MiB");
            String message = failure.getMessage();
            assertTrue(message.contains(dir.toString()), message);
            assertTrue(message.contains("NoSpace") || message.contains("No space"), message);
            int failedAt = written - 1;

            // Readable after the failure, and the mark tells which batches made it.
            long mark = store.lastApplied();
            assertTrue(message.contains("lastApplied is now " + mark), message);
            assertTrue(mark >= failedAt && mark <= failedAt + 1, "mark " + mark + ", failed at " + failedAt);
            assertArrayEquals(value, store.get("images", key(0)));

            Files.delete(filler);
            store.write(new IndexBatch().put("images", key(failedAt), value).lastApplied(failedAt + 1));
            store.write(new IndexBatch().put("images", key(99_999), value).lastApplied(100_000));
        }
        try (RocksIndexStore store = RocksIndexStore.open(dir, List.of("images"), true)) {
            assertEquals(100_000, store.lastApplied());
            int[] n = {0};
            store.scan("images", new byte[0], (k, v) -> ++n[0] > 0);
            assertEquals(written + 1, n[0]);
        }
    }

    private static byte[] key(int i) {
        return String.format("k%06d", i).getBytes(UTF_8);
    }

    private void fillLeaving(Path filler, long leave) throws IOException {
        byte[] chunk = new byte[16 << 10];
        try (OutputStream out = Files.newOutputStream(filler)) {
            long left = Files.getFileStore(mount).getUsableSpace() - leave;
            for (; left > chunk.length; left -= chunk.length) {
                out.write(chunk);
            }
        }
    }
}
