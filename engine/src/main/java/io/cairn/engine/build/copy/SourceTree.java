package io.cairn.engine.build.copy;

import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where COPY and ADD read from: the build context (after {@code .dockerignore}) or another
 * stage's or image's filesystem. Paths are clean, relative, {@code /}-separated; {@code ""} is the root.
 */
public interface SourceTree {

    /** A path of the tree: the host file that holds it and its metadata. */
    record Node(String rel, Path file, Stat stat) {
    }

    /**
     * The paths a COPY source names: itself, or the matches of a wildcard (Go {@code filepath.Match}
     * per segment), sorted.
     *
     * @throws IOException when the tree cannot be read
     */
    List<String> resolve(String source) throws IOException;

    /** The node at {@code rel}, if it exists and is not excluded. */
    Optional<Node> node(String rel) throws IOException;

    /** The visible children of directory {@code rel}, sorted by name. */
    List<String> children(String rel) throws IOException;

    /** Whether files keep their owners (another stage) or become root's (the context, as Docker does). */
    boolean keepsOwners();

    /** How errors name the tree ({@code build context}, {@code stage build}). */
    String display();
}
