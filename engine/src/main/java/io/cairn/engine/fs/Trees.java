package io.cairn.engine.fs;

import io.cairn.storage.layer.Directories;
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
