package io.cairn.engine.fs;

import io.cairn.storage.layer.Directories;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directory-tree helpers shared by effects and recovery; all idempotent. */
public final class Trees {

    private Trees() {
    }

    /** Deletes {@code top} and everything under it, without following symlinks; absent is fine. */
    public static void delete(Path top) throws IOException {
        Directories.deleteRecursively(top);
    }

    /**
     * Creates {@code dir} with exactly {@code mode}, its missing parents under the process's umask:
     * for a directory that a container sees (the root of its writable layer, a volume), whose mode
     * must be Docker's, not the daemon's umask of 077. An existing {@code dir} is left as it is (a
     * container may have changed its mode).
     */
    public static Path createVisible(Path dir, int mode) throws IOException {
        if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        Files.createDirectories(dir);
        Posix.chmod(dir, mode);
        return dir;
    }

    /**
     * Bytes in the regular files under {@code top}, links not followed; 0 for an absent tree. For
     * what {@code docker system df} shows, so a file vanishing mid-walk is skipped, not an error.
     */
    public static long size(Path top) {
        long[] total = {0};
        try {
            Files.walkFileTree(top, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }

    /** Empties {@code dir}, creating it when absent. */
    public static void empty(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                delete(entry);
            }
        }
    }
}
