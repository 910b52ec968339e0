package io.cairn.engine.build.copy;

import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.dockerfile.dockerignore.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --exclude} patterns of one COPY or ADD, with BuildKit's rules: .dockerignore syntax
 * ({@code *} and {@code ?} stop at {@code /}, {@code **} spans directories, {@code !} re-includes,
 * the last matching pattern wins, a matched directory takes everything below it), matched
 * against paths relative to the directory a source is copied from — below a directory source,
 * or, for a wildcard's matches, below the directory the wildcard expands in — never against the
 * context root. So {@code --exclude=*.md} drops {@code docs/README.md} when the source is
 * {@code docs}, but not {@code docs/sub/x.md}: that takes {@code **}{@code /*.md}.
 * Immutable.
 */
public final class Excludes {

    private static final Excludes NONE = new Excludes(List.of(), PatternMatcher.none());

    private final List<String> patterns;
    private final PatternMatcher matcher;

    private Excludes(List<String> patterns, PatternMatcher matcher) {
        this.patterns = patterns;
        this.matcher = matcher;
    }

    /** No {@code --exclude}: nothing is left out. */
    public static Excludes none() {
        return NONE;
    }

    /**
     * Compiles the flag values in order. Each is trimmed and cleaned as a .dockerignore line is
     * ({@code ./a/../b} is {@code b}, a leading {@code /} is dropped).
     *
     * @throws CopyException naming the value that is empty or not a valid pattern
     */
    public static Excludes of(List<String> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        List<String> cleaned = new ArrayList<>();
        for (String value : values) {
            String p = value.strip();
            boolean reinclude = p.startsWith("!");
            if (reinclude) {
                p = p.substring(1).strip();
            }
            if (p.isEmpty()) {
                throw new CopyException("--exclude=" + value + ": the pattern is empty");
            }
            p = Paths.clean(p);
            if (p.length() > 1 && p.startsWith("/")) {
                p = p.substring(1);
            }
            cleaned.add(reinclude ? "!" + p : p);
        }
        try {
            return new Excludes(List.copyOf(cleaned), PatternMatcher.compile(cleaned));
        } catch (InvalidPatternException e) {
            throw new CopyException("--exclude=" + e.pattern() + ": " + e.why());
        }
    }

    /** True when there is no pattern. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The cleaned patterns, in order; part of the step's cache key. */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * Whether {@code rel} (relative to the source directory, clean, {@code /}-separated) is
     * excluded by the patterns alone; a directory with a re-included path below it is still
     * walked, which {@link CopyPlanner} decides with the tree at hand.
     */
    public boolean matches(String rel) {
        return !patterns.isEmpty() && !rel.isEmpty() && matcher.matches(rel);
    }

    /** True when some pattern starts with {@code !}: an excluded directory may hold included paths. */
    public boolean reincludes() {
        return matcher.hasExclusions();
    }
}
