package io.cairn.engine.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * An overlay root filesystem.
 *
 * @param lower  read-only layer directories, top layer first (at least one)
 * @param upper  the container's writable layer (its diff)
 * @param work   overlayfs's work directory, on the same file system as {@code upper}
 * @param target where to mount it
 */
public record RootfsMount(List<Path> lower, Path upper, Path work, Path target) {
    /**
     * The mode of a new {@code upper}, whose root is the container's {@code /}: Docker's 0755 (its
     * overlay2 {@code diff} directory), whatever the daemon's umask.
     */
    public static final int UPPER_MODE = 0755;

    public RootfsMount {
        lower = List.copyOf(lower);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("an overlay needs at least one lower directory");
        }
    }
}
