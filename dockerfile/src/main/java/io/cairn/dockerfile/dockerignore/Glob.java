package io.cairn.dockerfile.dockerignore;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled path glob, matched in O(pattern × path) time and O(path) space, so that no pattern
 * can make matching slow. Two dialects:
 *
 * <ul>
 *   <li>{@link #dockerignore}: moby/patternmatcher's, where {@code **} spans directories
 *       ({@code **}{@code /} matches zero or more whole directories; a trailing {@code **}
 *       matches anything);</li>
 *   <li>{@link #path}: Go's {@code filepath.Match}, used for COPY and ADD sources, where
 *       {@code **} is just two stars.</li>
 * </ul>
 *
 * In both, {@code *} matches any run of characters except {@code /}, {@code ?} one character
 * except {@code /}, {@code [...]} a class ({@code [^...]} negated, {@code a-z} ranges), and
 * {@code \} escapes the next character.
 */
public final class Glob {

    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte STAR = 2;
    private static final byte ANY = 3;
    private static final byte DIRS = 4;
    private static final byte CLASS = 5;
    private static final byte ANY_CHAR = 6;

    private final String source;
    private final byte[] kinds;
    private final char[] chars;
    private final char[][] ranges; // for CLASS: pairs lo,hi
    private final boolean[] negated;
    private final boolean literal;

    /** How a pattern's wildcards behave. */
    private enum Dialect { DOCKERIGNORE, PATH, SHELL }

    /** One compiled element: a kind, and its character or class. */
    private record Token(byte kind, char ch, char[] ranges, boolean negated) {
        static Token of(byte kind) {
            return new Token(kind, '\0', null, false);
        }
    }

    private Glob(String source, List<Token> tokens) {
        this.source = source;
        int m = tokens.size();
        kinds = new byte[m];
        chars = new char[m];
        ranges = new char[m][];
        negated = new boolean[m];
        boolean lit = true;
        for (int i = 0; i < m; i++) {
            Token t = tokens.get(i);
            kinds[i] = t.kind();
            chars[i] = t.ch();
            ranges[i] = t.ranges();
            negated[i] = t.negated();
            lit &= t.kind() == LITERAL;
        }
        literal = lit;
    }

    /** Compiles a .dockerignore pattern (already cleaned, without {@code !}). */
    public static Glob dockerignore(String pattern) {
        return compile(pattern, Dialect.DOCKERIGNORE);
    }

    /** Compiles a {@code filepath.Match} pattern. */
    public static Glob path(String pattern) {
        return compile(pattern, Dialect.PATH);
    }

    /**
     * Compiles a shell pattern as used in {@code ${var#pattern}}: like {@link #path} but
     * {@code *} and {@code ?} also match {@code /}.
     */
    public static Glob shell(String pattern) {
        return compile(pattern, Dialect.SHELL);
    }

    /** Whether {@code text} contains a character that makes it a pattern rather than a name. */
    public static boolean hasMeta(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static Glob compile(String p, Dialect dialect) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i++);
            if (c == '*') {
                if (dialect == Dialect.DOCKERIGNORE && i < n && p.charAt(i) == '*') {
                    i++;
                    if (i < n && p.charAt(i) == '/') {
                        i++;
                    }
                    out.add(Token.of(i >= n ? ANY : DIRS));
                } else {
                    out.add(Token.of(dialect == Dialect.SHELL ? ANY : STAR));
                }
            } else if (c == '?') {
                out.add(Token.of(dialect == Dialect.SHELL ? ANY_CHAR : ONE));
            } else if (c == '\\') {
                if (i < n) {
                    out.add(new Token(LITERAL, p.charAt(i++), null, false));
                } else if (dialect == Dialect.DOCKERIGNORE) {
                    out.add(new Token(LITERAL, '\\', null, false)); // patternmatcher keeps a trailing backslash
                } else {
                    throw new InvalidPatternException(p, "trailing backslash");
                }
            } else if (c == '[') {
                i = charClass(p, i, out);
            } else {
                out.add(new Token(LITERAL, c, null, false));
            }
        }
        return new Glob(p, out);
    }

    /** Parses a class after its {@code [}; returns the index after {@code ]}. Go's filepath.Match rules. */
    private static int charClass(String p, int i, List<Token> out) {
        int n = p.length();
        boolean negate = false;
        if (i < n && p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        List<Character> rs = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (i >= n) {
                throw new InvalidPatternException(p, "unterminated character class");
            }
            char c = p.charAt(i);
            if (c == ']' && !first) {
                i++;
                break;
            }
            first = false;
            int[] lo = escaped(p, i);
            char hi = (char) lo[0];
            i = lo[1];
            if (i < n && p.charAt(i) == '-') {
                int[] h = escaped(p, i + 1);
                hi = (char) h[0];
                i = h[1];
                if (hi < lo[0]) {
                    throw new InvalidPatternException(p, "character range " + (char) lo[0] + "-" + hi + " is reversed");
                }
            }
            rs.add((char) lo[0]);
            rs.add(hi);
        }
        char[] arr = new char[rs.size()];
        for (int k = 0; k < arr.length; k++) {
            arr[k] = rs.get(k);
        }
        out.add(new Token(CLASS, '\0', arr, negate));
        return i;
    }

    /** One class character (possibly escaped) at {@code i}: {value, next index}. */
    private static int[] escaped(String p, int i) {
        int n = p.length();
        if (i >= n) {
            throw new InvalidPatternException(p, "unterminated character class");
        }
        char c = p.charAt(i);
        if (c == '-' || c == ']') {
            throw new InvalidPatternException(p, "'" + c + "' must be escaped in a character class");
        }
        if (c == '\\') {
            if (i + 1 >= n) {
                throw new InvalidPatternException(p, "unterminated character class");
            }
            return new int[] {p.charAt(i + 1), i + 2};
        }
        return new int[] {c, i + 1};
    }

    /** The pattern as compiled. */
    public String source() {
        return source;
    }

    /** True when the pattern has no wildcard: it matches only itself (after escapes). */
    public boolean isLiteral() {
        return literal;
    }

    /** Whether the whole of {@code s} matches. */
    public boolean matches(String s) {
        return suffixMatches(s)[0];
    }

    /**
     * For every {@code k}, whether {@code s.substring(from, from + k)} matches: all prefix matches
     * in one forward pass, O(pattern × length). Not for dockerignore patterns with {@code **}.
     */
    public boolean[] prefixMatches(String s, int from) {
        int m = kinds.length;
        int n = s.length() - from;
        boolean[] ends = new boolean[n + 1];
        boolean[] states = new boolean[m + 1];
        boolean[] nextStates = new boolean[m + 1];
        states[0] = true;
        closure(states);
        ends[0] = states[m];
        for (int k = 0; k < n; k++) {
            char c = s.charAt(from + k);
            java.util.Arrays.fill(nextStates, false);
            boolean any = false;
            for (int t = 0; t < m; t++) {
                if (!states[t]) {
                    continue;
                }
                switch (kinds[t]) {
                    case LITERAL -> nextStates[t + 1] |= chars[t] == c;
                    case ONE -> nextStates[t + 1] |= c != '/';
                    case ANY_CHAR -> nextStates[t + 1] = true;
                    case CLASS -> nextStates[t + 1] |= inClass(t, c);
                    case STAR -> nextStates[t] |= c != '/';
                    case ANY -> nextStates[t] = true;
                    default -> throw new IllegalStateException("prefixMatches does not support ** patterns");
                }
            }
            closure(nextStates);
            for (boolean b : nextStates) {
                any |= b;
            }
            boolean[] tmp = states;
            states = nextStates;
            nextStates = tmp;
            ends[k + 1] = states[m];
            if (!any) {
                break;
            }
        }
        return ends;
    }

    /** Adds the states reachable through tokens that match the empty string. */
    private void closure(boolean[] states) {
        for (int t = 0; t < kinds.length; t++) {
            if (states[t] && (kinds[t] == STAR || kinds[t] == ANY || kinds[t] == DIRS)) {
                states[t + 1] = true;
            }
        }
    }

    /** For every {@code j}, whether {@code s.substring(j)} matches: all suffix matches in one pass. */
    public boolean[] suffixMatches(String s) {
        int n = s.length();
        int m = kinds.length;
        boolean[] next = new boolean[n + 1];
        boolean[] cur = new boolean[n + 1];
        next[n] = true;
        for (int t = m - 1; t >= 0; t--) {
            switch (kinds[t]) {
                case LITERAL -> {
                    char c = chars[t];
                    for (int j = 0; j <= n; j++) {
                        cur[j] = j < n && s.charAt(j) == c && next[j + 1];
                    }
                }
                case ONE -> {
                    for (int j = 0; j <= n; j++) {
                        cur[j] = j < n && s.charAt(j) != '/' && next[j + 1];
                    }
                }
                case ANY_CHAR -> {
                    for (int j = 0; j <= n; j++) {
                        cur[j] = j < n && next[j + 1];
                    }
                }
                case CLASS -> {
                    for (int j = 0; j <= n; j++) {
                        cur[j] = j < n && inClass(t, s.charAt(j)) && next[j + 1];
                    }
                }
                case STAR -> {
                    cur[n] = next[n];
                    for (int j = n - 1; j >= 0; j--) {
                        cur[j] = next[j] || (s.charAt(j) != '/' && cur[j + 1]);
                    }
                }
                case ANY -> {
                    cur[n] = next[n];
                    for (int j = n - 1; j >= 0; j--) {
                        cur[j] = next[j] || cur[j + 1];
                    }
                }
                default -> { // DIRS: (.*/)?
                    boolean slash = false;
                    cur[n] = next[n];
                    for (int j = n - 1; j >= 0; j--) {
                        slash = slash || (s.charAt(j) == '/' && next[j + 1]);
                        cur[j] = next[j] || slash;
                    }
                }
            }
            boolean[] tmp = next;
            next = cur;
            cur = tmp;
        }
        return next;
    }

    private boolean inClass(int t, char c) {
        char[] r = ranges[t];
        boolean in = false;
        for (int k = 0; k < r.length; k += 2) {
            if (c >= r[k] && c <= r[k + 1]) {
                in = true;
                break;
            }
        }
        return in != negated[t];
    }

    @Override
    public String toString() {
        return source;
    }
}
