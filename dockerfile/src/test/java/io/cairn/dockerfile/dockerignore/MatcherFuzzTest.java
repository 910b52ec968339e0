package io.cairn.dockerfile.dockerignore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential fuzzing of the .dockerignore matcher against a reference built the way
 * moby/patternmatcher builds it (pattern → regular expression, then MatchesOrParentMatches).
 * The linear-time matcher must agree with the regex on every valid pattern, and bad patterns
 * must fail with {@link InvalidPatternException} only.
 */
class MatcherFuzzTest {

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("a", "b", "/", "*", "**", "?", ".", "[a-b]", "[^a]", "\\*", "ab", "!", "[", "]", "-")
                .list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "b", "/", ".", "ab", "*", "ba").list().ofMinSize(1).ofMaxSize(8)
                .map(l -> String.join("", l));
    }

    @Property(tries = 5000)
    void agreesWithTheRegexReference(@ForAll("patterns") String p1, @ForAll("patterns") String p2,
                                     @ForAll("paths") String path) {
        List<String> patterns = List.of(p1, p2);
        PatternMatcher m;
        try {
            m = PatternMatcher.compile(patterns);
        } catch (InvalidPatternException e) {
            return; // Docker rejects these too (filepath.Match: ErrBadPattern); nothing to compare
        }
        String file = Paths.clean(path);
        assertEquals(reference(patterns, file), m.matches(file), () -> patterns + " on " + file);
    }

    /** moby/patternmatcher: last match wins, parent directories count, "!" re-includes. */
    private static boolean reference(List<String> raw, String file) {
        List<Pattern> regexes = new ArrayList<>();
        List<Boolean> exclusion = new ArrayList<>();
        for (String r : raw) {
            String p = r.strip();
            boolean ex = p.startsWith("!");
            if (ex) {
                p = p.substring(1);
            }
            regexes.add(Pattern.compile(toRegex(Paths.clean(p))));
            exclusion.add(ex);
        }
        String parent = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ".";
        String[] dirs = parent.split("/");
        boolean matched = false;
        for (int i = 0; i < regexes.size(); i++) {
            if (exclusion.get(i) != matched) {
                continue;
            }
            boolean match = regexes.get(i).matcher(file).matches();
            if (!match && !parent.equals(".")) {
                for (int k = 0; k < dirs.length && !match; k++) {
                    match = regexes.get(i).matcher(String.join("/", java.util.Arrays.copyOf(dirs, k + 1))).matches();
                }
            }
            if (match) {
                matched = !exclusion.get(i);
            }
        }
        return matched;
    }

    private static String toRegex(String p) {
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        int classChars = 0; // chars in the current class after '[' and an optional '^'
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (inClass) {
                // Go's RE2 takes a '[' inside a class literally; Java would read a nested class
                if (c == '^' && classChars == 0 && re.charAt(re.length() - 1) == '[') {
                    re.append(c);
                } else if (c == ']' && classChars > 0) {
                    inClass = false;
                    re.append(c);
                } else if (c == '\\' && i + 1 < p.length()) {
                    re.append('\\').append(p.charAt(++i));
                    classChars++;
                } else {
                    re.append(c == '[' ? "\\[" : String.valueOf(c));
                    classChars++;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                classChars = 0;
                re.append(c);
            } else if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
                        i++;
                    }
                    re.append(i + 1 >= p.length() ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (".+()|{}$".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else if (c == '\\') {
                re.append(i + 1 < p.length() ? "\\" + p.charAt(++i) : "\\\\");
            } else {
                re.append(c);
            }
        }
        return re.toString();
    }
}
