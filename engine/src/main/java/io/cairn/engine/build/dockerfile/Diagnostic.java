package io.cairn.engine.build.dockerfile;

import java.util.Objects;

/**
 * A problem found in a Dockerfile or its build context.
 *
 * @param severity {@link Severity#ERROR} makes the Dockerfile unbuildable; warnings do not
 * @param position where the offending text starts
 * @param message  what is wrong, naming the offending text; no file name, no position
 */
public record Diagnostic(Severity severity, Position position, String message) implements Comparable<Diagnostic> {

    /** Whether a problem stops the build. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Position position, String message) {
        return new Diagnostic(Severity.ERROR, position, message);
    }

    public static Diagnostic warning(Position position, String message) {
        return new Diagnostic(Severity.WARNING, position, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE:COL: message}, with {@code warning: } before warnings' messages. */
    public String format(String file) {
        return file + ":" + position + ": " + (isError() ? "" : "warning: ") + message;
    }

    @Override
    public int compareTo(Diagnostic o) {
        return position.compareTo(o.position);
    }
}
