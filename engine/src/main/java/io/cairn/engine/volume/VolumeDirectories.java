package io.cairn.engine.volume;

import io.cairn.engine.fs.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/** The volumes' directories on disk; every operation is idempotent, as effects must be. */
final class VolumeDirectories {

    private static final int VOLUME_MODE = 0755;

    private final Path root;

    VolumeDirectories(Path root) {
        this.root = root;
    }

    /** A volume's directory is the root of its mounts: 0755 as Docker's {@code _data}, not the daemon's umask. */
    void create(String name) throws IOException {
        Trees.createVisible(root.resolve(name), VOLUME_MODE);
    }

    void delete(String name) throws IOException {
        Trees.delete(root.resolve(name));
    }

    long size(String name) {
        return Trees.size(root.resolve(name));
    }

    /** Creates missing directories of {@code names}, deletes the others; returns what it changed. */
    List<String> reconcile(Collection<String> names) {
        List<String> changed = new ArrayList<>();
        try {
            Files.createDirectories(root);
            for (String name : names) {
                if (!Files.isDirectory(root.resolve(name))) {
                    create(name);
                    changed.add("created missing directory of volume " + name);
                }
            }
            var wanted = new HashSet<>(names);
            try (var dirs = Files.list(root)) {
                for (Path dir : dirs.toList()) {
                    if (!wanted.contains(dir.getFileName().toString())) {
                        Trees.delete(dir);
                        changed.add("deleted directory of removed volume " + dir.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reconcile volumes in " + root, e);
        }
        return changed;
    }
}
