package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stat-keyed digests: a remembered digest is used only while the file's device, inode, size,
 * mtime and ctime are unchanged, and never for a file changed within {@link ContentHashes#RACY_NANOS}
 * of the scan. The attacks: the same size with the mtime put back, a file renamed over the path,
 * a symlink swapped in, a change in the same timestamp tick.
 */
class ContentHashesTest {

    @TempDir
    Path dir;

    private final byte[] buf = new byte[4096];

    /** A clock far enough ahead that every file here counts as settled. */
    private final AtomicLong clock = new AtomicLong(nowNanos() + TimeUnit.SECONDS.toNanos(60));

    private static long nowNanos() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static byte[] sha(String s) {
        return Digest.newSha256().digest(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSettledFileIsRememberedAndItsDigestIsRight() throws IOException {
        ContentHashes hashes = new ContentHashes(16, clock::get);
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        assertArrayEquals(sha("aaaa"), hashes.sha256(f, buf));
        assertEquals(1, hashes.size());
        assertArrayEquals(sha("aaaa"), hashes.sha256(f, buf));
    }

    @Test
    void theSameSizeWithTheMtimePutBackStillMisses() throws Exception {
        ContentHashes hashes = new ContentHashes(16, clock::get);
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(f, mtime);
        assertArrayEquals(sha("aaaa"), hashes.sha256(f, buf));
        Thread.sleep(20); // past the coarse clock's tick, so that the rewrite's ctime differs
        Files.writeString(f, "bbbb");
        Files.setLastModifiedTime(f, mtime); // same size, same mtime: only the ctime (and the content) tell
        assertEquals(mtime, Files.getLastModifiedTime(f));
        assertArrayEquals(sha("bbbb"), hashes.sha256(f, buf));
    }

    @Test
    void aFileRenamedOverThePathMisses() throws Exception {
        ContentHashes hashes = new ContentHashes(16, clock::get);
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        FileTime mtime = Files.getLastModifiedTime(f);
        assertArrayEquals(sha("aaaa"), hashes.sha256(f, buf));
        Path other = Files.writeString(dir.resolve("other"), "cccc");
        Files.setLastModifiedTime(other, mtime);
        Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertArrayEquals(sha("cccc"), hashes.sha256(f, buf));
    }

    @Test
    void aSymlinkSwappedInIsNotFollowed() throws IOException {
        ContentHashes hashes = new ContentHashes(16, clock::get);
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        hashes.sha256(f, buf);
        Path secret = Files.writeString(dir.resolve("secret"), "host secret");
        Files.delete(f);
        Files.createSymbolicLink(f, secret);
        assertThrows(IOException.class, () -> hashes.sha256(f, buf)); // ELOOP, as the uncached read
        assertEquals(0, hashes.size());
    }

    @Test
    void aFileChangedWithinTheRacyWindowIsReadEveryTime() throws IOException {
        // the real clock: the file was just written, so its timestamps are within the window
        ContentHashes hashes = new ContentHashes(16, () -> nowNanos());
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        assertArrayEquals(sha("aaaa"), hashes.sha256(f, buf));
        assertEquals(0, hashes.size(), "a digest of a file changed in the last " + ContentHashes.RACY_NANOS + " ns was kept");
        // a change in the same tick (same size, same mtime and, on a coarse clock, the same ctime) is seen
        FileTime mtime = Files.getLastModifiedTime(f);
        Files.writeString(f, "bbbb");
        Files.setLastModifiedTime(f, mtime);
        assertArrayEquals(sha("bbbb"), hashes.sha256(f, buf));
        // once it has settled it is remembered
        clock.set(nowNanos() + ContentHashes.RACY_NANOS + TimeUnit.SECONDS.toNanos(1));
        ContentHashes later = new ContentHashes(16, clock::get);
        later.sha256(f, buf);
        assertEquals(1, later.size());
    }

    @Test
    void theLeastRecentlyUsedGoFirstAndNoneRemembersNothing() throws IOException {
        ContentHashes hashes = new ContentHashes(2, clock::get);
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path b = Files.writeString(dir.resolve("b"), "b");
        Path c = Files.writeString(dir.resolve("c"), "c");
        hashes.sha256(a, buf);
        hashes.sha256(b, buf);
        hashes.sha256(c, buf);
        assertEquals(2, hashes.size());
        ContentHashes none = ContentHashes.none();
        assertArrayEquals(sha("a"), none.sha256(a, buf));
        assertEquals(0, none.size());
    }

    @Test
    void theCopyDigestIsTheSameWithAndWithoutRemembering() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "aaaa");
        java.util.List<CopyItem> items = java.util.List.of(
                new CopyItem("app", CopyItem.Kind.DIRECTORY, java.util.Optional.empty(), java.util.Optional.empty(), "", 0755, 0, 0, 1),
                new CopyItem("app/f", CopyItem.Kind.FILE, java.util.Optional.of(f), java.util.Optional.empty(), "", 0644, 0, 0, 1),
                new CopyItem("app/h", CopyItem.Kind.FILE, java.util.Optional.empty(),
                        java.util.Optional.of("inline".getBytes(StandardCharsets.UTF_8)), "", 0644, 0, 0, 1));
        ContentHashes hashes = new ContentHashes(16, clock::get);
        String plain = CopyStager.digest(items);
        assertEquals(plain, CopyStager.digest(items, hashes));
        assertEquals(plain, CopyStager.digest(items, hashes)); // from the remembered digest
    }
}
