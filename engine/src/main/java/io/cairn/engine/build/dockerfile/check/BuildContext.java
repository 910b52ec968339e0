package io.cairn.engine.build.dockerfile.check;

import io.cairn.engine.build.dockerfile.dockerignore.Glob;
import io.cairn.engine.build.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.engine.build.dockerfile.dockerignore.PatternMatcher;
import io.cairn.engine.build.dockerfile.dockerignore.Paths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A build context directory as the builder will see it: the files that {@code .dockerignore}
 * does not exclude, plus the directories that lead to re-included files. Read-only.
 */
public final class BuildContext {

    /** What a COPY/ADD source resolves to. */
    public record Resolution(List<String> matches, Optional<String> excludedBy) {
        public Resolution {
            matches = List.copyOf(matches);
        }
    }

    private final Path root;
    private final String display;
    private final PatternMatcher ignore;

    private BuildContext(Path root, String display, PatternMatcher ignore) {
        this.root = root;
        this.display = display;
        this.ignore = ignore;
    }

    /**
     * A context rooted at {@code root}.
     *
     * @param display how the user named it, for messages
     */
    public static BuildContext of(Path root, String display, PatternMatcher ignore) {
        return new BuildContext(Objects.requireNonNull(root), display, ignore);
    }

    /** No context at all (the Dockerfile came from stdin): every context source is missing. */
    public static BuildContext none() {
        return new BuildContext(null, "(none: the Dockerfile was read from stdin)", PatternMatcher.none());
    }

    public boolean exists() {
        return root != null;
    }

    /** How the user named the context. */
    public String display() {
        return display;
    }

    /**
     * Resolves a source path or wildcard (Go {@code filepath.Match} syntax, per path segment)
     * against the context, leaving out what {@code .dockerignore} excludes.
     *
     * @return the matching context paths; when none, the ignore pattern that hid the source, if one did
     * @throws InvalidPatternException when the source is a malformed wildcard
     */
    public Resolution resolve(String source) {
        if (root == null) {
            return new Resolution(List.of(), Optional.empty());
        }
        String rel = Paths.inContext(source);
        if (rel.equals(".")) {
            return new Resolution(List.of("."), Optional.empty());
        }
        try {
            if (!Glob.hasMeta(rel)) {
                return literal(rel);
            }
            List<String> out = new ArrayList<>();
            List<String> hiddenBy = new ArrayList<>();
            walk("", rel.split("/"), 0, out, hiddenBy);
            return new Resolution(out, out.isEmpty() ? hiddenBy.stream().findFirst() : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("reading build context " + display + ": " + e.getMessage(), e);
        }
    }

    private Resolution literal(String rel) throws IOException {
        Path p = root.resolve(rel);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return new Resolution(List.of(), Optional.empty());
        }
        Optional<String> by = ignore.excludedBy(rel);
        if (by.isEmpty() || reincludedBelow(rel)) {
            return new Resolution(List.of(rel), Optional.empty());
        }
        return new Resolution(List.of(), by);
    }

    private void walk(String dir, String[] segments, int i, List<String> out, List<String> hiddenBy)
            throws IOException {
        Path base = dir.isEmpty() ? root : root.resolve(dir);
        String seg = segments[i];
        boolean last = i == segments.length - 1;
        if (!Glob.hasMeta(seg)) {
            String rel = dir.isEmpty() ? seg : dir + "/" + seg;
            if (!Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (last) {
                if (visible(rel)) {
                    out.add(rel);
                } else {
                    ignore.excludedBy(rel).ifPresent(hiddenBy::add);
                }
            } else if (Files.isDirectory(root.resolve(rel))) {
                walk(rel, segments, i + 1, out, hiddenBy);
            }
            return;
        }
        Glob glob = Glob.path(seg);
        if (!Files.isDirectory(base)) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path child : ds) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null);
        for (String name : names) {
            if (!glob.matches(name)) {
                continue;
            }
            String rel = dir.isEmpty() ? name : dir + "/" + name;
            if (last) {
                if (visible(rel)) {
                    out.add(rel);
                } else {
                    ignore.excludedBy(rel).ifPresent(hiddenBy::add);
                }
            } else if (Files.isDirectory(root.resolve(rel))) {
                walk(rel, segments, i + 1, out, hiddenBy);
            }
        }
    }

    private boolean visible(String rel) throws IOException {
        return !ignore.matches(rel) || reincludedBelow(rel);
    }

    /** An excluded directory is still sent when a {@code !} pattern re-includes something inside it. */
    private boolean reincludedBelow(String rel) throws IOException {
        Path dir = root.resolve(rel);
        if (!ignore.hasExclusions() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.skip(1).anyMatch(p -> !ignore.matches(root.relativize(p).toString().replace('\\', '/')));
        }
    }
}
