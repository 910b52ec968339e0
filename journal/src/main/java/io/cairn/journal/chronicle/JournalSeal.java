package io.cairn.journal.chronicle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a clean close vouches for: entries {@code 1..lastIndex} were verified sound, and the queue
 * files were exactly these (name, size, mtime, ctime, inode) when the journal was closed. An open
 * that finds every file unchanged need not read the journal again to know it is sound.
 *
 * <p>The seal is consumed by the next open, so a process that dies without closing leaves none. It
 * is trusted only when its own mtime is later than every file's: a write in the same tick of the
 * file system's coarse clock would otherwise leave a file's mtime as recorded (git's "racy clean").
 * Anything else that differs -- a file added, removed, grown, written or touched, a seal that does not
 * parse -- only costs a full verification; it never makes a damaged journal pass.
 */
final class JournalSeal {

    /** The seal's file in the journal's directory (Chronicle reads only {@code *.cq4} files). */
    static final String FILE = "cairn-clean-close.seal";
    /**
     * Left by an open that found a seal the files no longer match, and kept until a verification
     * reads the whole journal sound: a start refused on such a journal must not make the next one
     * take it for a crash (which has no seal, and verifies only what it replays).
     */
    static final String BROKEN = "cairn-seal-broken";
    private static final String MAGIC = "cairn-journal-seal 1";
    private static final String QUEUE_FILE_SUFFIX = ".cq4";

    private record Stamp(long size, long mtimeNanos, long ctimeNanos, Object inode) {
        String line(String name) {
            return "file " + size + " " + mtimeNanos + " " + ctimeNanos + " " + inode + " " + name;
        }
    }

    private JournalSeal() {
    }

    /**
     * Removes the seal of {@code dir} and returns the last index it vouches for, if every queue file
     * is as the seal recorded it; empty otherwise (no seal, or the journal changed since).
     */
    static Optional<Long> take(Path dir) {
        Path seal = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(seal, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            long sealTime = mtimeNanos(seal);
            List<String> lines = Files.readAllLines(seal, StandardCharsets.UTF_8);
            markBroken(dir); // until it is found to match below
            Files.delete(seal);
            if (lines.size() < 2 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("last ")) {
                return Optional.empty();
            }
            long last = Long.parseLong(lines.get(1).substring(5));
            Map<String, String> recorded = new TreeMap<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] f = line.split(" ", 6);
                if (f.length != 6 || !f[0].equals("file") || Long.parseLong(f[2]) >= sealTime) {
                    return Optional.empty(); // unreadable, or written in the seal's clock tick
                }
                recorded.put(f[5], line);
            }
            Map<String, String> now = new TreeMap<>();
            for (Map.Entry<String, Stamp> e : stamps(dir).entrySet()) {
                now.put(e.getKey(), e.getValue().line(e.getKey()));
            }
            if (!now.equals(recorded)) {
                return Optional.empty();
            }
            clearBroken(dir);
            return Optional.of(last);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether an open found a broken seal that no whole verification has cleared since. */
    static boolean broken(Path dir) {
        return Files.exists(dir.resolve(BROKEN), LinkOption.NOFOLLOW_LINKS);
    }

    /** Records that the seal was broken; synced, since it must outlive a crash of the refused start. */
    private static void markBroken(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(BROKEN),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort: without the mark, a second start after a refused one verifies as after a crash
        }
    }

    /** A verification read the whole journal sound: a broken seal no longer matters. */
    static void clearBroken(Path dir) {
        deleteQuietly(dir.resolve(BROKEN));
    }

    /**
     * Seals {@code dir} (closed, every file written) as sound through {@code lastIndex}. Best effort:
     * a seal that cannot be written, or whose mtime does not get past the files' within a few
     * milliseconds, is not left behind.
     */
    static void write(Path dir, long lastIndex) {
        Path seal = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Map<String, Stamp> stamps = stamps(dir);
            StringBuilder text = new StringBuilder(MAGIC).append("\nlast ").append(lastIndex).append('\n');
            long newest = Long.MIN_VALUE;
            for (Map.Entry<String, Stamp> e : stamps.entrySet()) {
                text.append(e.getValue().line(e.getKey())).append('\n');
                newest = Math.max(newest, e.getValue().mtimeNanos());
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 50; attempt++) {
                Files.write(tmp, bytes);
                if (mtimeNanos(tmp) > newest) {
                    Files.move(tmp, seal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                Thread.sleep(1); // the coarse clock has not ticked since the last write to a file
            }
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            deleteQuietly(seal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(tmp);
        }
    }

    private static Map<String, Stamp> stamps(Path dir) throws IOException {
        Map<String, Stamp> stamps = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX)).toList();
        }
        for (Path p : files) {
            Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ctime,ino",
                    LinkOption.NOFOLLOW_LINKS);
            stamps.put(p.getFileName().toString(), new Stamp((Long) a.get("size"),
                    nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")), a.get("ino")));
        }
        return stamps;
    }

    private static long mtimeNanos(Path p) throws IOException {
        return nanos(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing vouches for a journal without its seal: the next open verifies it whole
        }
    }
}
