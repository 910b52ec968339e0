package io.cairn.engine.build.run;

import io.cairn.dockerfile.instructions.Mount;
import io.cairn.engine.fs.Trees;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The directories behind {@code RUN --mount=type=cache}, kept between builds under
 * {@code <root>/buildcache-mounts}, one per cache id, with BuildKit's sharing modes: {@code shared}
 * (default) lets concurrent steps use one directory, {@code locked} makes them take turns,
 * {@code private} gives a step that finds the directory in use a fresh one. {@code builder prune}
 * empties the ones no step is using. They are caches, not state: not journaled, never part of an
 * image or a cache key.
 */
public final class CacheMounts {

    /** A directory in use by one step; {@link #close()} gives it back. */
    interface Lease extends AutoCloseable {
        Path dir();

        @Override
        void close();
    }

    private final Path top;
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Semaphore> locks = new HashMap<>();

    public CacheMounts(Path top) {
        this.top = top;
    }

    /** Takes the directory of {@code m}'s cache id (blocks for a {@code locked} one that is in use). */
    Lease acquire(Mount m, String target) throws IOException {
        String base = Digest.sha256(m.id().orElse(target)).hex();
        String name;
        Semaphore lock;
        synchronized (this) {
            name = base;
            if (m.sharing() == Mount.Sharing.PRIVATE) {
                for (int i = 1; users.getOrDefault(name, 0) > 0; i++) {
                    name = base + "-" + i;
                }
            }
            users.merge(name, 1, Integer::sum);
            lock = m.sharing() == Mount.Sharing.LOCKED ? locks.computeIfAbsent(name, k -> new Semaphore(1)) : null;
        }
        final String held = name;
        try {
            if (lock != null) {
                lock.acquireUninterruptibly();
            }
            Path dir = top.resolve(held);
            synchronized (this) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    Posix.lchown(dir, m.uid().orElse(0), m.gid().orElse(0));
                    Posix.chmod(dir, m.mode().orElse(0755));
                }
            }
            return new Lease() {
                private boolean closed;

                @Override
                public Path dir() {
                    return dir;
                }

                @Override
                public void close() {
                    synchronized (CacheMounts.this) {
                        if (closed) {
                            return;
                        }
                        closed = true;
                        users.merge(held, -1, Integer::sum);
                    }
                    if (lock != null) {
                        lock.release();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                users.merge(held, -1, Integer::sum);
            }
            if (lock != null) {
                lock.release();
            }
            throw e;
        }
    }

    /** What {@link #prune()} removed: directory names and the bytes of their files. */
    public record Pruned(List<String> names, long bytes) {
    }

    /** Removes every cache directory no step is using. */
    public synchronized Pruned prune() throws IOException {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        if (!Files.isDirectory(top)) {
            return new Pruned(removed, 0);
        }
        try (var dirs = Files.list(top)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (users.getOrDefault(name, 0) == 0) {
                    bytes += size(d);
                    Trees.delete(d);
                    removed.add(name);
                }
            }
        }
        return new Pruned(removed, bytes);
    }

    private static long size(Path dir) throws IOException {
        long total = 0;
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(p);
                }
            }
        }
        return total;
    }
}
