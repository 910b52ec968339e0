package io.cairn.dockerfile.dockerignore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a context path is excluded, with Docker's rules: patterns apply in order, the
 * last one that matches the path (or one of its parent directories) wins, and a {@code !}
 * pattern re-includes. Immutable and thread-safe.
 */
public final class PatternMatcher {

    /** One compiled pattern line. */
    private record Rule(String text, Glob glob, boolean exclusion) {
    }

    private final List<Rule> rules;
    private final boolean exclusions;

    private PatternMatcher(List<Rule> rules) {
        this.rules = rules;
        this.exclusions = rules.stream().anyMatch(Rule::exclusion);
    }

    /** Matches nothing. */
    public static PatternMatcher none() {
        return new PatternMatcher(List.of());
    }

    /**
     * Compiles patterns as found in a .dockerignore ({@link IgnoreFile#patterns()}).
     *
     * @throws InvalidPatternException naming the first bad pattern
     */
    public static PatternMatcher compile(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : patterns) {
            String p = raw.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean exclusion = false;
            if (p.charAt(0) == '!') {
                if (p.length() == 1) {
                    throw new InvalidPatternException(raw, "illegal exclusion pattern: \"!\"");
                }
                exclusion = true;
                p = p.substring(1);
            }
            p = Paths.clean(p);
            rules.add(new Rule(raw, Glob.dockerignore(p), exclusion));
        }
        return new PatternMatcher(List.copyOf(rules));
    }

    /** True when some pattern starts with {@code !}: an excluded directory may have included children. */
    public boolean hasExclusions() {
        return exclusions;
    }

    /** True when there is no pattern at all. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether {@code path} (relative to the context, {@code /}-separated) is excluded. */
    public boolean matches(String path) {
        return excludedBy(path).isPresent();
    }

    /**
     * The pattern that excludes {@code path}, or empty when the path is included. Every pattern
     * is tried against the path and, failing that, against each of its parent directories.
     */
    public Optional<String> excludedBy(String path) {
        String file = Paths.clean(path);
        int lastSlash = file.lastIndexOf('/');
        String parent = lastSlash < 0 ? "." : file.substring(0, lastSlash);
        boolean matched = false;
        String by = null;
        for (Rule r : rules) {
            // an inclusion cannot change an already excluded path, nor an exclusion an included one
            if (r.exclusion() != matched) {
                continue;
            }
            boolean match = r.glob().matches(file);
            if (!match && !parent.equals(".")) {
                int from = 0;
                while (!match) {
                    int slash = parent.indexOf('/', from);
                    String prefix = slash < 0 ? parent : parent.substring(0, slash);
                    match = r.glob().matches(prefix);
                    if (slash < 0) {
                        break;
                    }
                    from = slash + 1;
                }
            }
            if (match) {
                matched = !r.exclusion();
                by = matched ? r.text() : null;
            }
        }
        return Optional.ofNullable(by);
    }
}
