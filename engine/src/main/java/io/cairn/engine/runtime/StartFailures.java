package io.cairn.engine.runtime;

import io.cairn.api.CannotRunException;
import java.util.Locale;

/**
 * Names the kind of a failed container start, the one place the engine reads a failure's text: the
 * OCI runtime reports a missing command only in words ({@code exec: "x": executable file not found in
 * $PATH}, {@code stat /x: no such file or directory}), and Docker's daemon reads the same words. Every
 * other layer above carries the kind.
 */
public final class StartFailures {

    private StartFailures() {
    }

    /**
     * The failure of starting container {@code name}: {@link io.cairn.api.ErrorKind#COMMAND_NOT_FOUND}
     * when the runtime could not find the command, else {@link
     * io.cairn.api.ErrorKind#COMMAND_NOT_INVOKABLE}; the message names the container and the cause.
     */
    public static CannotRunException classify(String name, Exception cause) {
        String why = cause.getMessage() == null ? "the runtime gave no reason"
                : cause.getMessage();
        String message = "failed to start container " + name + ": " + why;
        String lower = why.toLowerCase(Locale.ROOT);
        return lower.contains("not found") || lower.contains("no such file or directory")
                ? CannotRunException.notFound(message, cause)
                : CannotRunException.notInvokable(message, cause);
    }

    /** The reason alone, as the container's exited state records it. */
    public static String reason(CannotRunException failure) {
        Throwable cause = failure.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
    }
}
