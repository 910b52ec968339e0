package io.cairn.engine.container;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a container's overlay upperdir as Docker's list of changes. */
final class WritableLayer {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private WritableLayer() {
    }

    /** Changes of {@code upper} over {@code lower} (top layer first). */
    static List<ContainerService.Change> changes(Path upper, List<Path> lower) throws IOException {
        List<ContainerService.Change> changes = new ArrayList<>();
        Files.walkFileTree(upper, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(upper)) {
                    record(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (isWhiteout(file)) {
                    changes.add(new ContainerService.Change("/" + upper.relativize(file), 2));
                } else {
                    record(file);
                }
                return FileVisitResult.CONTINUE;
            }

            private void record(Path p) {
                String rel = upper.relativize(p).toString();
                boolean existed = lower.stream().anyMatch(l -> Files.exists(l.resolve(rel), LinkOption.NOFOLLOW_LINKS));
                changes.add(new ContainerService.Change("/" + rel, existed ? 0 : 1));
            }
        });
        changes.sort(Comparator.comparing(ContainerService.Change::path));
        return changes;
    }

    /** An overlay whiteout: a character device 0/0. */
    static boolean isWhiteout(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFCHR) {
            return false;
        }
        return ((Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0L;
    }
}
