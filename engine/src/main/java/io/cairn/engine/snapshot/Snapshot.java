package io.cairn.engine.snapshot;

import java.nio.file.Path;

/**
 * One directory under {@code <root>/snapshots/}: a sound snapshot ({@code manifest} set, {@code
 * problem} empty) or a refused one ({@code manifest} null, {@code problem} saying why, naming the
 * path at fault).
 *
 * @param dir      the snapshot's directory, {@code <root>/snapshots/<index>}
 * @param index    the journal entry its name says it is at
 * @param manifest what it is, when it is sound
 * @param problem  why it is refused; empty when sound
 */
public record Snapshot(Path dir, long index, SnapshotManifest manifest, String problem) {

    /** Where the index copy is, in a snapshot's directory. */
    public static final String INDEX = "index";

    public boolean sound() {
        return problem.isEmpty();
    }

    /** The checkpoint of the index. */
    public Path indexDir() {
        return dir.resolve(INDEX);
    }
}
