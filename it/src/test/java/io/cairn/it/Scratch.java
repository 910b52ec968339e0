package io.cairn.it;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the integration tests make outside the engine and must take away again: scratch trees and
 * the mounts under a root. The tests drive bin/cairn, not the engine's classes, so they keep their
 * own (JDK only) ways to do both.
 */
public final class Scratch {

    private Scratch() {
    }

    /** Deletes {@code top} and everything under it, without following symlinks; absent is fine. */
    public static void delete(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The mount points at or under {@code dir} in this process's mount table, in mount order (the
     * tests' paths hold no characters the kernel escapes).
     */
    public static List<Path> mountsUnder(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        List<Path> under = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // id parent major:minor root mountpoint ...
            Path mountPoint = Path.of(line.split(" ")[4]);
            if (mountPoint.startsWith(d)) {
                under.add(mountPoint);
            }
        }
        return under;
    }
}
