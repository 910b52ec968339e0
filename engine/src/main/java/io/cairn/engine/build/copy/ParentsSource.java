package io.cairn.engine.build.copy;

import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.dockerfile.dockerignore.Paths;
import java.util.List;

/**
 * A {@code COPY --parents} source, read as BuildKit reads it: the text before the first
 * {@code /./} (rsync's pivot) is the directory the copy starts from — the tree's root when there
 * is none — and the rest is a pattern, in .dockerignore syntax (so {@code **} spans
 * directories), for the paths below it that are copied with their parent directories.
 *
 * <p>{@code ./x/./y/*.txt} copies {@code x/y/a.txt} to {@code DEST/y/a.txt};
 * {@code ./x/y/*.txt} copies it to {@code DEST/x/y/a.txt}.
 * Immutable.
 */
public final class ParentsSource {

    private static final String PIVOT = "/./";

    private final String root;
    private final String pattern;
    private final PatternMatcher matcher;

    private ParentsSource(String root, String pattern) {
        this.root = root;
        this.pattern = pattern;
        this.matcher = PatternMatcher.compile(List.of(pattern));
    }

    /**
     * Splits a source at its pivot and cleans both halves (a leading {@code /} or {@code ..} cannot climb out).
     *
     * @throws io.cairn.dockerfile.dockerignore.InvalidPatternException naming a malformed pattern
     */
    public static ParentsSource parse(String source) {
        int pivot = source.indexOf(PIVOT);
        String root = pivot < 0 ? "" : source.substring(0, pivot);
        String pattern = pivot < 0 ? source : source.substring(pivot + PIVOT.length());
        return new ParentsSource(relative(root), relative(pattern));
    }

    private static String relative(String path) {
        String rel = Paths.inContext(path);
        return rel.equals(".") ? "" : rel;
    }

    /** Where the copy starts: clean, relative, {@code ""} for the tree's root; may hold a wildcard. */
    public String root() {
        return root;
    }

    /** The paths below {@link #root} to copy, clean and relative; {@code ""} takes everything. */
    public String pattern() {
        return pattern;
    }

    /**
     * True when neither half has a wildcard: then the path must exist, as a literal source must;
     * a wildcard that matches nothing copies nothing (BuildKit allows empty wildcards with {@code --parents}).
     */
    public boolean required() {
        return !Glob.hasMeta(root) && !Glob.hasMeta(pattern);
    }

    /** Whether {@code rel} (relative to {@link #root}) is taken: it matches the pattern, or lies below a match. */
    public boolean matches(String rel) {
        return pattern.isEmpty() || matcher.matches(rel);
    }

    /**
     * Whether a path below directory {@code dir} (relative to {@link #root}) could match: the
     * directory's names match the pattern's first segments, or reach a {@code **}. Decides which
     * directories the copy walks into; it never makes a path match.
     */
    public boolean mayMatchBelow(String dir) {
        if (pattern.isEmpty()) {
            return true;
        }
        String[] want = pattern.split("/");
        String[] have = dir.split("/");
        for (int i = 0; i < have.length; i++) {
            if (i >= want.length) {
                return false;
            }
            if (want[i].contains("**")) {
                return true;
            }
            if (!Glob.dockerignore(want[i]).matches(have[i])) {
                return false;
            }
        }
        return have.length < want.length;
    }
}
