package io.cairn.api;

import java.util.Locale;

/**
 * What kind of failure an API call met, as the daemon names it on the wire (the {@code kind} of an
 * error body) and as the CLI turns it into an exit code. Each kind answers with one HTTP status; two
 * kinds may share one (409 is both {@link #ALREADY_EXISTS} and {@link #CONFLICT}), which is why a
 * client reads the kind, not the status.
 *
 * <p>The wire name is the constant's name in lower case ({@code not_found}); it is stable. A client
 * that meets a name it does not know (a newer daemon) or no name at all (an older daemon, a proxy)
 * falls back on {@link #forStatus}.
 */
public enum ErrorKind {
    /** The named object does not exist. */
    NOT_FOUND(404),
    /** An object with that name already exists. */
    ALREADY_EXISTS(409),
    /** The operation conflicts with the object's current state (in use, running, …). */
    CONFLICT(409),
    /** An input (flag, field, reference, file, archive) is malformed. */
    INVALID_ARGUMENT(400),
    /** A request body is larger than the daemon accepts. */
    TOO_LARGE(413),
    /** A container's command does not exist in its filesystem (a shell's 127). */
    COMMAND_NOT_FOUND(400),
    /** A container's command exists but cannot be run as asked: not executable, an unknown user (a shell's 126). */
    COMMAND_NOT_INVOKABLE(400),
    /**
     * A build step failed on its own terms (a RUN exited non-zero, a COPY source is missing); the
     * message names the Dockerfile line. 500, as BuildKit answers: whose fault it is, the Dockerfile's
     * or the network's, the daemon cannot tell.
     */
    BUILD_FAILED(500),
    /** Docker's API has the endpoint or the feature; Cairn does not implement it. */
    NOT_IMPLEMENTED(501),
    /** The daemon cannot serve the request now (its follower slots are taken, it is stopping); retry later. */
    UNAVAILABLE(503),
    /** The engine itself failed (I/O, a halted pipeline, an unexpected error); not the caller's fault. */
    ENGINE_FAILURE(500);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the API answers with for this kind (Docker's where Docker has one). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The name in an error body's {@code kind} field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name, or null when the name is absent or unknown. */
    public static ErrorKind fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (ErrorKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** The kind an answer without a (known) kind most likely meant, from its status alone. */
    public static ErrorKind forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_ARGUMENT;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 501 -> NOT_IMPLEMENTED;
            case 503 -> UNAVAILABLE;
            default -> ENGINE_FAILURE;
        };
    }
}
