package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Suggest;
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

    /**
     * The closest keyword within two edits of {@code word}, in {@code word}'s case (BuildKit's
     * suggestion for an unknown instruction), or null.
     */
    static String suggest(String word) {
        return Suggest.closest(word, ALL, false).orElse(null);
    }
}
