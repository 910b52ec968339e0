package io.cairn.engine.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The files of one root (DESIGN.md "On disk"); {@link #create()} makes the directories, closed to
 * other users (0700) whatever the process's umask.
 */
public record RootLayout(Path dir) {

    public static final String DEFAULT = "/var/lib/cairn";

    public RootLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path journal() {
        return dir.resolve("journal");
    }

    public Path index() {
        return dir.resolve("index");
    }

    /** Snapshots of the index ({@code journal snapshot}), one directory per journal entry. */
    public Path snapshots() {
        return dir.resolve("snapshots");
    }

    public Path blobs() {
        return dir.resolve("blobs");
    }

    public Path layers() {
        return dir.resolve("layers");
    }

    public Path containers() {
        return dir.resolve("containers");
    }

    public Path runtime() {
        return dir.resolve("runtime");
    }

    public Path volumes() {
        return dir.resolve("volumes");
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    public Path socket() {
        return dir.resolve("cairn.sock");
    }

    public Path pidFile() {
        return dir.resolve("cairn.pid");
    }

    public Path lockFile() {
        return dir.resolve("cairn.lock");
    }

    /** The engine's identity ({@code GET /info}'s {@code ID}), made at the first start; Docker keeps its own likewise. */
    public Path engineId() {
        return dir.resolve("engine-id");
    }

    public Path log() {
        return dir.resolve("daemon.log");
    }

    /** The directories under the root that hold its state: each is private to the daemon's user. */
    public List<Path> stateDirectories() {
        return List.of(journal(), index(), blobs(), layers(), containers(), runtime(), volumes(), tmp());
    }

    public RootLayout create() {
        var privateDir = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        try {
            Files.createDirectories(dir, privateDir);
            for (Path p : stateDirectories()) {
                if (!p.equals(index())) { // the index store makes its own: an absent one means a fresh index
                    Files.createDirectories(p, privateDir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create root " + dir, e);
        }
        return this;
    }
}
