package io.cairn.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories for benchmark state; {@code cairn.bench.tmp} chooses where (default java.io.tmpdir). */
final class TempDirs {

    private TempDirs() {
    }

    static Path create(String prefix) {
        String base = System.getProperty("cairn.bench.tmp", System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempDirectory(Path.of(base), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + prefix + " directory in " + base, e);
        }
    }

    /** Deletes {@code dir} and everything below it; an absent directory is a no-op. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete benchmark directory " + dir, e);
        }
    }
}
