package io.cairn.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of one root (DESIGN.md "On disk"); {@link #create()} makes the directories. */
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

    public Path log() {
        return dir.resolve("daemon.log");
    }

    public RootLayout create() {
        try {
            for (Path p : new Path[] {dir, journal(), blobs(), layers(), containers(), runtime(), volumes(), tmp()}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create root " + dir, e);
        }
        return this;
    }
}
