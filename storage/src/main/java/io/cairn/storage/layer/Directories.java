package io.cairn.storage.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Recursive removal that never follows symlinks (a link is removed, not its target); entries that
 * vanish meanwhile are fine. The one recursive delete of the project: the engine's {@code Trees}
 * uses it too.
 */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code path} and everything under it; absent is fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Best-effort removal for cleanup paths: failures are attached to {@code primary}. */
    static void deleteQuietly(Path path, Throwable primary) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
