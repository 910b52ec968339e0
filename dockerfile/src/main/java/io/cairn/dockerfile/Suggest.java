package io.cairn.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for a mistyped name, by BuildKit's rule ({@code util/suggest}): the first
 * option within Levenshtein distance 2 of the value, the closest winning; nothing when the value
 * is itself an option (then the error is not about its spelling). The suggestion follows the
 * value's case when the comparison ignores case: all lower, all upper, else as the option is
 * written. Messages end with {@link #didYouMean}'s suffix, as BuildKit's errors do.
 */
public final class Suggest {

    /** BuildKit's (and HCL's) threshold: a suggestion is at most this many edits away. */
    private static final int MAX_DISTANCE = 2;

    private Suggest() {
    }

    /** The option closest to {@code value}, if one is close enough and none equals it. */
    public static Optional<String> closest(String value, List<String> options, boolean caseSensitive) {
        String v = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE + 1;
        for (String option : options) {
            String o = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (o.equals(v)) {
                return Optional.empty();
            }
            // the length difference bounds the distance: skip what cannot come within reach
            if (Math.abs(o.length() - v.length()) >= best) {
                continue;
            }
            int d = distance(v, o);
            if (d < best) {
                best = d;
                match = caseSensitive ? o : matchCase(o, value);
            }
        }
        return Optional.ofNullable(match);
    }

    /** {@code " (did you mean X?)"} for the closest option, or {@code ""}. */
    public static String didYouMean(String value, List<String> options, boolean caseSensitive) {
        return closest(value, options, caseSensitive).map(m -> " (did you mean " + m + "?)").orElse("");
    }

    private static String matchCase(String option, String original) {
        if (original.equals(original.toLowerCase(Locale.ROOT))) {
            return option.toLowerCase(Locale.ROOT);
        }
        if (original.equals(original.toUpperCase(Locale.ROOT))) {
            return option.toUpperCase(Locale.ROOT);
        }
        return option;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one char cost 1. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
