package io.cairn.dockerfile.check;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.parser.Directive;
import io.cairn.dockerfile.parser.Directives;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's {@code # check=skip=<rules>|all;error=<bool>} directive: which build-check warnings
 * to drop, and whether the rest fail the check.
 *
 * @param skip      rule names to drop ({@code all} drops every one)
 * @param error     whether remaining check warnings are errors
 * @param problems  a warning for a malformed directive, if any
 */
public record LintPolicy(Set<String> skip, boolean error, List<Diagnostic> problems) {

    public LintPolicy {
        skip = Set.copyOf(skip);
        problems = List.copyOf(problems);
    }

    /** The policy of a Dockerfile's directives (the default when it has no {@code check}). */
    public static LintPolicy of(Directives directives) {
        Optional<Directive> d = directives.get("check");
        if (d.isEmpty()) {
            return new LintPolicy(Set.of(), false, List.of());
        }
        Set<String> skip = new HashSet<>();
        boolean error = false;
        List<Diagnostic> problems = new ArrayList<>();
        for (String part : d.get().value().split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).strip();
            switch (key) {
                case "skip" -> {
                    for (String rule : value.split(",")) {
                        if (!rule.isBlank()) {
                            skip.add(rule.strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                case "error" -> {
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        error = value.equalsIgnoreCase("true");
                    } else {
                        problems.add(Diagnostic.warning(d.get().position(),
                                "invalid check directive: error must be true or false, got \"" + value + "\""));
                    }
                }
                default -> problems.add(Diagnostic.warning(d.get().position(),
                        "invalid check directive: unknown option \"" + key + "\" (skip or error)"));
            }
        }
        return new LintPolicy(skip, error, problems);
    }

    /** The diagnostics with skipped checks removed and, with {@code error=true}, checks as errors. */
    public List<Diagnostic> apply(List<Diagnostic> in) {
        List<Diagnostic> out = new ArrayList<>(problems);
        for (Diagnostic diag : in) {
            if (diag.rule().isEmpty()) {
                out.add(diag);
            } else if (!skip.contains("all") && !skip.contains(diag.rule().toLowerCase(Locale.ROOT))) {
                out.add(error ? diag.asError() : diag);
            }
        }
        out.sort(null);
        return out;
    }
}
