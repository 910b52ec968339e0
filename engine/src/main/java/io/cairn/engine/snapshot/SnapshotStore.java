package io.cairn.engine.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshots of one root, in {@code <root>/snapshots/}: each in a directory named by the journal
 * entry it is at, holding {@value SnapshotManifest#FILE} and the index copy in {@value Snapshot#INDEX}/.
 *
 * <p>Crash safety: a snapshot is written into {@code .tmp-<N>-<nanos>/}, synced, and renamed to
 * {@code <N>/} in one step, so a process killed midway leaves only a {@code .tmp-} directory, which
 * {@link #list()} never returns and the next {@link #take} removes.
 *
 * <p>Hostile contents: the directory is under the daemon's 0700 root, but what is in it is checked
 * anyway before it is used. A snapshot is refused, naming the path at fault, when any entry in it
 * is a symbolic link or anything but a regular file or directory, when its manifest is missing or
 * malformed, or when the manifest's entry is not the directory's name. Refused snapshots are listed
 * with their problem and never deleted by Cairn (the operator inspects them); {@link #prune} removes
 * only sound snapshots beyond the number kept.
 */
public final class SnapshotStore {

    private static final Pattern NAME = Pattern.compile("[1-9][0-9]{0,18}");
    private static final String TMP = ".tmp-";

    private final Path dir;

    /** @param dir {@code <root>/snapshots} (made when the first snapshot is taken) */
    public SnapshotStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Every snapshot directory, newest (highest entry) first, each sound or with the reason it is
     * refused. Other names (leftovers of an interrupted take, files an operator put there) are not
     * snapshots and are not listed.
     *
     * @throws io.cairn.api.EngineFailureException when {@code snapshots} itself is not a plain
     *                                             directory (a symbolic link is refused)
     */
    public List<Snapshot> list() {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        requirePlainDirectory();
        List<Path> names;
        try (Stream<Path> entries = Files.list(dir)) {
            names = entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new io.cairn.api.EngineFailureException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Snapshot> found = new ArrayList<>();
        for (Path p : names) {
            long index;
            try {
                index = Long.parseLong(p.getFileName().toString());
            } catch (NumberFormatException e) {
                continue; // 19 digits past Long.MAX_VALUE: not a name Cairn writes
            }
            try {
                found.add(new Snapshot(p, index, check(p, index), ""));
            } catch (Refusal r) {
                found.add(new Snapshot(p, index, null, r.getMessage()));
            }
        }
        found.sort(Comparator.comparingLong(Snapshot::index).reversed());
        return found;
    }

    /**
     * Writes a snapshot at {@code manifest.index()}: {@code writeIndex} makes the index copy in the
     * directory it is given (which does not exist yet), then the manifest is written, both synced,
     * and the directory renamed into place. An existing snapshot at that entry is left as it is and
     * returned. Leftovers of interrupted takes are removed first.
     */
    public Snapshot take(SnapshotManifest manifest, Consumer<Path> writeIndex) {
        Path target = dir.resolve(Long.toString(manifest.index()));
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            requirePlainDirectory();
            removeLeftovers();
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return list().stream().filter(s -> s.index() == manifest.index()).findFirst().orElseThrow();
            }
            Path tmp = dir.resolve(TMP + manifest.index() + "-" + System.nanoTime());
            Files.createDirectory(tmp);
            try {
                writeIndex.accept(tmp.resolve(Snapshot.INDEX));
                Path file = tmp.resolve(SnapshotManifest.FILE);
                Files.write(file, manifest.text().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                syncTree(tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(dir);
            } catch (RuntimeException | IOException e) {
                delete(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new io.cairn.api.EngineFailureException("cannot take a snapshot into " + target + ": " + e.getMessage(), e);
        }
        return new Snapshot(target, manifest.index(), manifest, "");
    }

    /**
     * Deletes the sound snapshots beyond the newest {@code keep} (and leftovers of interrupted takes);
     * refused ones are never deleted. Returns what was deleted.
     */
    public List<Path> prune(int keep) {
        List<Path> deleted = new ArrayList<>();
        int kept = 0;
        for (Snapshot s : list()) {
            if (!s.sound()) {
                continue;
            }
            if (kept++ < keep) {
                continue;
            }
            try {
                delete(s.dir());
            } catch (IOException e) {
                throw new io.cairn.api.EngineFailureException("cannot delete the snapshot " + s.dir() + ": "
                        + e.getMessage(), e);
            }
            deleted.add(s.dir());
        }
        return deleted;
    }

    /** The manifest of the snapshot in {@code snapshot}, after checking every entry in it. */
    private static SnapshotManifest check(Path snapshot, long index) {
        try {
            BasicFileAttributes top = Files.readAttributes(snapshot, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!top.isDirectory()) {
                throw new Refusal(snapshot, top.isSymbolicLink() ? "is a symbolic link" : "is not a directory");
            }
            Files.walkFileTree(snapshot, new SimpleFileVisitor<>() { // never follows a link
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    if (a.isSymbolicLink()) {
                        throw new Refusal(file, "is a symbolic link; a snapshot holds only files and directories");
                    }
                    if (!a.isRegularFile() && !a.isDirectory()) {
                        throw new Refusal(file, "is not a regular file; a snapshot holds only files and directories");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new Refusal(snapshot, "cannot be read: " + e);
        }
        SnapshotManifest manifest = SnapshotManifest.read(snapshot);
        if (manifest.index() != index) {
            throw new Refusal(snapshot.resolve(SnapshotManifest.FILE), "says entry " + manifest.index()
                    + " in a directory named for entry " + index);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(snapshot.resolve(Snapshot.INDEX), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new Refusal(snapshot.resolve(Snapshot.INDEX), "is missing");
        }
        if (!a.isDirectory()) {
            throw new Refusal(snapshot.resolve(Snapshot.INDEX), "is not a directory");
        }
        return manifest;
    }

    private void requirePlainDirectory() {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                throw new io.cairn.api.EngineFailureException("snapshots refused: " + dir
                        + (a.isSymbolicLink() ? " is a symbolic link" : " is not a directory"));
            }
        } catch (IOException e) {
            throw new io.cairn.api.EngineFailureException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private void removeLeftovers() throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(dir)) {
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith(TMP)).toList();
        }
        for (Path p : leftovers) {
            delete(p);
        }
    }

    /** Deletes a tree without following links (a link is removed, never what it points to). */
    private static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** fsyncs every file and directory of a tree made by this process (no links in it). */
    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    syncDirectory(p);
                } else {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    private static void syncDirectory(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
