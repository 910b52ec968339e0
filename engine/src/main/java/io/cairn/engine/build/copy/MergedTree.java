package io.cairn.engine.build.copy;

import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The filesystem of an image read straight from its unpacked layers, as overlayfs would show it:
 * the topmost layer that has a path wins, a whiteout (char device 0/0) hides the path below it,
 * an opaque directory hides the lower layers' entries under it, and a non-directory hides
 * everything below its path. Used to read files out of a stage without mounting it (COPY --from,
 * the metadata of a COPY destination's parents, /etc/passwd for --chown). Symbolic links inside
 * the path are not followed: paths are resolved as written.
 */
public final class MergedTree {

    private static final String OPAQUE = "trusted.overlay.opaque";

    /** Layer directories, top first. */
    private final List<Path> layers;

    /** @param layersTopFirst unpacked layer directories, top first; empty for scratch */
    public MergedTree(List<Path> layersTopFirst) {
        this.layers = List.copyOf(layersTopFirst);
    }

    /** An empty filesystem ({@code FROM scratch}). */
    public static MergedTree empty() {
        return new MergedTree(List.of());
    }

    /** A found path: the file that holds it and its metadata. */
    public record Entry(Path file, Stat stat) {
    }

    /**
     * Finds {@code rel} (a clean path relative to the root, {@code ""} for the root itself).
     *
     * @return the file in the topmost layer that shows it, or empty when it does not exist
     */
    public Optional<Entry> lookup(String rel) throws IOException {
        String[] parts = rel.isEmpty() ? new String[0] : rel.split("/");
        for (Path layer : layers) {
            Visibility v = visibility(layer, parts);
            if (v == Visibility.FOUND) {
                Path p = rel.isEmpty() ? layer : layer.resolve(rel);
                return Optional.of(new Entry(p, Posix.lstat(p)));
            }
            if (v == Visibility.HIDDEN) {
                return Optional.empty();
            }
            if (v == Visibility.STOP) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The names in directory {@code rel}, merged across layers, sorted; empty when it is not a directory. */
    public List<String> list(String rel) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> hidden = new TreeSet<>();
        String[] parts = rel.isEmpty() ? new String[0] : rel.split("/");
        for (Path layer : layers) {
            Visibility v = visibility(layer, parts);
            if (v == Visibility.HIDDEN || v == Visibility.STOP) {
                break;
            }
            if (v == Visibility.ABSENT) {
                continue;
            }
            Path dir = rel.isEmpty() ? layer : layer.resolve(rel);
            Stat st = Posix.lstat(dir);
            if (!st.isDirectory()) {
                break;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path child : ds) {
                    String name = child.getFileName().toString();
                    if (hidden.contains(name) || names.contains(name)) {
                        continue;
                    }
                    if (Posix.lstat(child).isWhiteout()) {
                        hidden.add(name);
                    } else {
                        names.add(name);
                    }
                }
            }
            if (opaque(dir)) {
                break;
            }
        }
        return new ArrayList<>(names);
    }

    private enum Visibility { FOUND, ABSENT, HIDDEN, STOP }

    /**
     * What one layer says about a path: FOUND (it has it), HIDDEN (a whiteout of the path or an
     * ancestor, or a non-directory ancestor), STOP (an opaque ancestor: lower layers are hidden and
     * this one does not have the path), ABSENT (look further down).
     */
    private static Visibility visibility(Path layer, String[] parts) throws IOException {
        Path p = layer;
        for (int i = 0; i < parts.length; i++) {
            p = p.resolve(parts[i]);
            Stat st;
            try {
                st = Posix.lstat(p);
            } catch (NoSuchFileException e) {
                // absent here; but an opaque ancestor already seen ends the search
                return opaqueAncestor(layer, parts, i) ? Visibility.STOP : Visibility.ABSENT;
            }
            if (st.isWhiteout()) {
                return Visibility.HIDDEN;
            }
            if (i < parts.length - 1 && !st.isDirectory()) {
                return Visibility.HIDDEN;
            }
        }
        return Visibility.FOUND;
    }

    private static boolean opaqueAncestor(Path layer, String[] parts, int missing) throws IOException {
        Path p = layer;
        for (int i = 0; i < missing; i++) {
            p = p.resolve(parts[i]);
            if (opaque(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean opaque(Path dir) throws IOException {
        Optional<byte[]> v = Posix.getXattr(dir, OPAQUE);
        return v.isPresent() && v.get().length == 1 && v.get()[0] == 'y';
    }
}
