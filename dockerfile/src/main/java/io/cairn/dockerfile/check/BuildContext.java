package io.cairn.dockerfile.check;

import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.dockerfile.dockerignore.Paths;
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
 *
 * <p>Context paths are found through a {@link Locator}: the builder's resolves every component
 * inside the context (a symlink to {@code /} means the context's root, as in Docker), so a hostile
 * context cannot name a host file.
 */
public final class BuildContext {

    /** Where a context path is on disk. */
    @FunctionalInterface
    public interface Locator {
        /**
         * The host path of {@code rel} (clean, relative): its directories resolved inside the
         * context, its last component as named; empty when a directory on the way is missing.
         */
        Optional<Path> locate(String rel) throws IOException;
    }

    /** What a COPY/ADD source resolves to. */
    public record Resolution(List<String> matches, Optional<String> excludedBy) {
        public Resolution {
            matches = List.copyOf(matches);
        }
    }

    private final Path root;
    private final String display;
    private final PatternMatcher ignore;
    private final Locator locator;

    private BuildContext(Path root, String display, PatternMatcher ignore, Locator locator) {
        this.root = root;
        this.display = display;
        this.ignore = ignore;
        this.locator = locator;
    }

    /**
     * A context rooted at {@code root} whose paths are read as written: for a client checking its
     * own files with its own rights ({@code cairn build --check}), never for the daemon, which
     * crosses a trust boundary and passes a confining {@link Locator}.
     *
     * @param display how the user named it, for messages
     */
    public static BuildContext of(Path root, String display, PatternMatcher ignore) {
        Path r = Objects.requireNonNull(root);
        return new BuildContext(r, display, ignore, rel -> Optional.of(rel.isEmpty() ? r : r.resolve(rel)));
    }

    /** A context rooted at {@code root} whose paths {@code locator} resolves. */
    public static BuildContext of(Path root, String display, PatternMatcher ignore, Locator locator) {
        return new BuildContext(Objects.requireNonNull(root), display, ignore, Objects.requireNonNull(locator));
    }

    /** No context at all (the Dockerfile came from stdin): every context source is missing. */
    public static BuildContext none() {
        return new BuildContext(null, "(none: the Dockerfile was read from stdin)", PatternMatcher.none(),
                rel -> Optional.empty());
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
        if (!exists(rel)) {
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
        String seg = segments[i];
        boolean last = i == segments.length - 1;
        if (!Glob.hasMeta(seg)) {
            String rel = dir.isEmpty() ? seg : dir + "/" + seg;
            if (!exists(rel)) {
                return;
            }
            if (last) {
                if (visible(rel)) {
                    out.add(rel);
                } else {
                    ignore.excludedBy(rel).ifPresent(hiddenBy::add);
                }
            } else if (isDirectory(rel + "/.")) {
                walk(rel, segments, i + 1, out, hiddenBy);
            }
            return;
        }
        Glob glob = Glob.path(seg);
        Optional<Path> base = locator.locate(dir.isEmpty() ? "" : dir + "/.");
        if (base.isEmpty() || !Files.isDirectory(base.get(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base.get())) {
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
            } else if (isDirectory(rel + "/.")) {
                walk(rel, segments, i + 1, out, hiddenBy);
            }
        }
    }

    /** Whether {@code rel} exists (its last component not followed). */
    private boolean exists(String rel) throws IOException {
        Optional<Path> p = locator.locate(rel);
        return p.isPresent() && Files.exists(p.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code rel} is a directory (a trailing {@code /.} follows a last-component link inside the context). */
    private boolean isDirectory(String rel) throws IOException {
        Optional<Path> p = locator.locate(rel);
        return p.isPresent() && Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS);
    }

    private boolean visible(String rel) throws IOException {
        return !ignore.matches(rel) || reincludedBelow(rel);
    }

    /** An excluded directory is still sent when a {@code !} pattern re-includes something inside it. */
    private boolean reincludedBelow(String rel) throws IOException {
        if (!ignore.hasExclusions()) {
            return false;
        }
        Optional<Path> located = locator.locate(rel);
        if (located.isEmpty() || !Files.isDirectory(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path dir = located.get();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.skip(1).anyMatch(p -> !ignore.matches(rel + "/" + dir.relativize(p).toString().replace('\\', '/')));
        }
    }
}
