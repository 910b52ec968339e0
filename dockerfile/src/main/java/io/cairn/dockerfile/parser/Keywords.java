package io.cairn.dockerfile.parser;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The instruction keywords of Docker's reference, and a "did you mean" for typos. */
public final class Keywords {

    /** Every known keyword, lower case. */
    public static final List<String> ALL = List.of("add", "arg", "cmd", "copy", "entrypoint", "env", "expose",
            "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user",
            "volume", "workdir");

    /** Instructions whose shell form may carry here-documents. */
    static final Set<String> HEREDOC = Set.of("run", "copy", "add");

    private Keywords() {
    }

    /**
     * The lower-case keyword for {@code word} in any case: the shared constant for known
     * keywords (no allocation on this hot path), else {@code word} lower-cased.
     */
    public static String command(String word) {
        String k = CANONICAL.get(word); // the keyword string caches its hash: one probe per call
        return k != null ? k : word.toLowerCase(Locale.ROOT);
    }

    private static final java.util.Map<String, String> CANONICAL = canonical();

    private static java.util.Map<String, String> canonical() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String k : ALL) {
            m.put(k, k);
            m.put(k.toUpperCase(Locale.ROOT), k);
            m.put(Character.toUpperCase(k.charAt(0)) + k.substring(1), k);
        }
        return java.util.Map.copyOf(m);
    }

    /** The closest keyword (upper case) within two edits of {@code word}, or null. */
    static String suggest(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() > 20) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        for (String k : ALL) {
            int d = distance(w, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? null : best.toUpperCase(Locale.ROOT);
    }

    private static int distance(String a, String b) {
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
