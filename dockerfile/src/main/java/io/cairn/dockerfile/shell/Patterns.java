package io.cairn.dockerfile.shell;

import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;

/** The pattern operations of {@code ${var#pat}}, {@code ${var%pat}} and {@code ${var/pat/repl}}, with shell globs. */
final class Patterns {

    private Patterns() {
    }

    /** Removes the shortest (or longest) prefix or suffix of {@code value} that matches {@code pattern}. */
    static String trim(String value, String pattern, boolean prefix, boolean longest, int at)
            throws ExpansionException {
        Glob g = glob(pattern, at);
        int n = value.length();
        if (prefix) {
            boolean[] ends = g.prefixMatches(value, 0); // ends[k]: value[0, k) matches
            for (int k = 0; k <= n; k++) {
                int len = longest ? n - k : k;
                if (ends[len]) {
                    return value.substring(len);
                }
            }
        } else {
            boolean[] starts = g.suffixMatches(value); // starts[j]: value[j, n) matches
            for (int k = 0; k <= n; k++) {
                int j = longest ? k : n - k;
                if (starts[j]) {
                    return value.substring(0, j);
                }
            }
        }
        return value;
    }

    /** Replaces the first (or every) longest match of {@code pattern} in {@code value}. */
    static String replace(String value, String pattern, String replacement, boolean all, int at)
            throws ExpansionException {
        if (pattern.isEmpty()) {
            return value;
        }
        Glob g = glob(pattern, at);
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean replaced = false;
        while (i < value.length()) {
            int end = -1;
            if (!replaced || all) {
                boolean[] ends = g.prefixMatches(value, i);
                for (int k = ends.length - 1; k > 0; k--) {
                    if (ends[k]) {
                        end = i + k;
                        break;
                    }
                }
            }
            if (end < 0) {
                out.append(value.charAt(i++));
            } else {
                out.append(replacement);
                i = end;
                replaced = true;
            }
        }
        return out.toString();
    }

    private static Glob glob(String pattern, int at) throws ExpansionException {
        try {
            return Glob.shell(pattern);
        } catch (InvalidPatternException e) {
            throw new ExpansionException("bad pattern in substitution: " + e.getMessage(), at);
        }
    }
}
