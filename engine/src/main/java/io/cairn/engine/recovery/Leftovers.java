package io.cairn.engine.recovery;

import io.cairn.engine.fs.Trees;
import io.cairn.engine.runtime.overlay.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Per-object directories nothing owns any more, removed at start: a crash between a journal entry and
 * the effect that deletes its directory ({@code rm} journals the removal, then deletes
 * {@code containers/<id>}), or between making a directory and journaling its create, leaves one
 * behind forever otherwise. Staging ({@code tmp/}: imports, commits, build steps and their views)
 * never outlives a daemon.
 *
 * <p>Anything mounted under such a directory (an overlay rootfs, a build step's view) is unmounted
 * first, deepest first, and a directory that still has a mount under it is left in place and
 * reported: deleting through a mount would reach whatever is mounted there.
 *
 * <p>Only for a start whose journal verified and replayed: "unknown to the index" means "removed"
 * only when the index is the whole journal (DESIGN.md, trust boundaries).
 */
public final class Leftovers {

    /** Unmounts one mount point, idempotently (the runtime driver's). */
    @FunctionalInterface
    public interface Unmounter {
        void unmount(Path mountPoint) throws IOException;
    }

    private final Unmounter unmounter;

    public Leftovers(Unmounter unmounter) {
        this.unmounter = unmounter;
    }

    /**
     * Removes every entry of {@code parent} whose name {@code known} rejects.
     *
     * @param what the kind of object, for the report ("container")
     * @return one line per entry removed or left in place
     */
    public List<String> removeUnknown(Path parent, Predicate<String> known, String what) throws IOException {
        List<String> changes = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return changes;
        }
        List<Path> entries;
        try (var list = Files.list(parent)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (!known.test(name)) {
                changes.add(remove(entry, "directory " + entry + " of no indexed " + what
                        + " (left by a crash before its create was journaled or after its removal was)"));
            }
        }
        return changes;
    }

    /** Empties staging, unmounting what is mounted under it first. */
    public List<String> emptyStaging(Path tmp) throws IOException {
        Files.createDirectories(tmp);
        List<String> unmounted = new ArrayList<>();
        List<String> stuck = unmountUnder(tmp, unmounted);
        if (!stuck.isEmpty()) {
            throw new IOException("cannot empty staging " + tmp + ": still mounted after unmounting: " + stuck);
        }
        Trees.empty(tmp);
        return unmounted.stream().map(m -> "unmounted " + m + ", left in staging by a crash").toList();
    }

    private String remove(Path entry, String why) throws IOException {
        List<String> unmounted = new ArrayList<>();
        List<String> stuck = unmountUnder(entry, unmounted);
        if (!stuck.isEmpty()) {
            return "kept " + why + ": still mounted after unmounting: " + stuck;
        }
        Trees.delete(entry);
        return "removed " + why + (unmounted.isEmpty() ? "" : ", after unmounting " + String.join(", ", unmounted));
    }

    /** Unmounts every mount at or under {@code dir}, deepest first; returns those still there. */
    private List<String> unmountUnder(Path dir, List<String> unmounted) throws IOException {
        List<Path> mounts = new ArrayList<>(MountTable.under(dir));
        mounts.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path m : mounts.stream().distinct().toList()) {
            try {
                unmounter.unmount(m);
                unmounted.add(m.toString());
            } catch (IOException e) {
                // reported below: the mount is still in the table
            }
        }
        return MountTable.under(dir).stream().map(Path::toString).distinct().toList();
    }
}
