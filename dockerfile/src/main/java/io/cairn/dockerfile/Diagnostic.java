package io.cairn.dockerfile;

import java.util.Objects;

/**
 * A problem found in a Dockerfile or its build context.
 *
 * @param severity {@link Severity#ERROR} makes the Dockerfile unbuildable; warnings do not
 * @param position where the offending text starts
 * @param message  what is wrong, naming the offending text; no file name, no position
 * @param rule     for warnings of Docker's build checks, the check's name (e.g.
 *                 {@code MaintainerDeprecated}) that the {@code check} directive can skip; else empty
 */
public record Diagnostic(Severity severity, Position position, String message, String rule)
        implements Comparable<Diagnostic> {

    /** Whether a problem stops the build. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
    }

    public static Diagnostic error(Position position, String message) {
        return new Diagnostic(Severity.ERROR, position, message, "");
    }

    public static Diagnostic warning(Position position, String message) {
        return new Diagnostic(Severity.WARNING, position, message, "");
    }

    /** A warning of the build check {@code rule}. */
    public static Diagnostic lint(String rule, Position position, String message) {
        return new Diagnostic(Severity.WARNING, position, message, rule);
    }

    /** The same problem as an error: the {@code check=error=true} directive. */
    public Diagnostic asError() {
        return new Diagnostic(Severity.ERROR, position, message, rule);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code FILE:LINE:COL: message}, with {@code warning: } before warnings' messages and the
     * check's name after them.
     */
    public String format(String file) {
        return file + ":" + position + ": " + (isError() ? "" : "warning: ") + message
                + (rule.isEmpty() ? "" : " (" + rule + ")");
    }

    @Override
    public int compareTo(Diagnostic o) {
        return position.compareTo(o.position);
    }
}
