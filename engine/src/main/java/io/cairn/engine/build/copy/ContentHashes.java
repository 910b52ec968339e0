package io.cairn.engine.build.copy;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * SHA-256 of host files for COPY's cache key, remembered across builds by what {@code lstat} says
 * of the file, as BuildKit's contenthash does: device, inode, size, mtime and ctime, each to the
 * nanosecond. A file whose key is unchanged is not read again, so a warm daemon's fully cached
 * COPY of a large context reads no contents.
 *
 * <p>Why the key holds: every write, truncate, rename onto the path or {@code utimes} moves the
 * file's ctime to the current time, and no system call sets ctime to a chosen value, so a file with
 * the same size and a restored mtime still misses. The one gap is a change within the same tick of
 * the filesystem's timestamps as the {@code lstat} that made the entry (timestamps come from a coarse
 * clock; some filesystems keep whole or even two seconds): git's "racy file" problem. As git, a
 * digest is remembered only when the file's mtime and ctime were older than {@link #RACY_NANOS}
 * before the scan started; a file changed more recently is hashed every time until it settles.
 * The key is taken before the contents are read, so a change while reading leaves an entry that the
 * next lookup no longer matches. Setting the system clock back defeats the rule, as it does git's,
 * and so does a network filesystem whose server's clock runs more than the window behind ours.
 *
 * <p>At most {@code capacity} files are remembered, the least recently used going first; a
 * capacity of 0 remembers nothing. Safe for concurrent builds.
 */
public final class ContentHashes {

    /** How much older than the scan a file's timestamps must be for its digest to be remembered. */
    public static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What {@code lstat} says of a file that its contents cannot change without changing. */
    record Key(long dev, long ino, long size, long mtimeNanos, long ctimeNanos) {
    }

    private record Entry(Key key, byte[] sha256) {
    }

    private final int capacity;
    private final LongSupplier wallNanos;
    private final Map<Path, Entry> entries;

    /** Remembers up to {@code capacity} files; {@code wallNanos} is the wall clock in ns since the epoch. */
    public ContentHashes(int capacity, LongSupplier wallNanos) {
        this.capacity = capacity;
        this.wallNanos = wallNanos;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                return size() > ContentHashes.this.capacity;
            }
        };
    }

    /** The daemon's: up to 32,768 files (a few MiB at most), on the system clock. */
    public static ContentHashes daemon() {
        return new ContentHashes(32_768, ContentHashes::now);
    }

    /** Remembers nothing: every call reads the file. */
    public static ContentHashes none() {
        return new ContentHashes(0, ContentHashes::now);
    }

    private static long now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * The SHA-256 of regular file {@code file}'s contents, read without following a last symlink
     * (a symlink there fails as opening it would). {@code buf} is scratch space for the read.
     */
    public byte[] sha256(Path file, byte[] buf) throws IOException {
        if (capacity == 0) {
            return read(file, buf);
        }
        long scan = wallNanos.getAsLong();
        Key key = key(file);
        synchronized (entries) {
            Entry known = entries.get(file);
            if (known != null && known.key().equals(key)) {
                return known.sha256().clone();
            }
            entries.remove(file); // stale: forgotten before the read, which may fail
        }
        byte[] sha256 = read(file, buf);
        if (key != null && Math.max(key.mtimeNanos(), key.ctimeNanos()) < scan - RACY_NANOS) {
            synchronized (entries) {
                entries.put(file, new Entry(key, sha256.clone()));
            }
        }
        return sha256;
    }

    /** How many files are remembered (for tests and diagnostics). */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The file's key, or null when it is not a regular file (then nothing is remembered). */
    private static Key key(Path file) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:mode,dev,ino,size,lastModifiedTime,ctime",
                LinkOption.NOFOLLOW_LINKS);
        if (((Integer) a.get("mode") & 0170000) != 0100000) {
            return null;
        }
        return new Key((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
    }

    private static byte[] read(Path file, byte[] buf) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
