package io.cairn.api;

/**
 * The root of Cairn's error hierarchy: every failure the API reports is one of these. Every message
 * names the object it is about (a volume, a reference, a file and line, a field). Each subclass
 * stands for one or more {@link ErrorKind}s; the kind, not the class or the message, is what the
 * HTTP API answers with (its status and the {@code kind} of the error body) and what the CLI derives
 * its exit code from.
 */
public abstract sealed class CairnException extends RuntimeException
        permits NotFoundException, AlreadyExistsException, ConflictException, InvalidArgumentException,
        TooLargeException, CannotRunException, BuildFailureException, NotImplementedException,
        UnavailableException, EngineFailureException {

    protected CairnException(String message) {
        super(message);
    }

    protected CairnException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What kind of failure this is. */
    public abstract ErrorKind kind();

    /** The HTTP status the API answers with for this kind of error. */
    public final int httpStatus() {
        return kind().httpStatus();
    }

    /** The exception of {@code kind} with {@code message}: what a client rebuilds from an error body. */
    public static CairnException of(ErrorKind kind, String message) {
        return switch (kind) {
            case NOT_FOUND -> new NotFoundException(message);
            case ALREADY_EXISTS -> new AlreadyExistsException(message);
            case CONFLICT -> new ConflictException(message);
            case INVALID_ARGUMENT -> new InvalidArgumentException(message);
            case TOO_LARGE -> new TooLargeException(message);
            case COMMAND_NOT_FOUND -> CannotRunException.notFound(message, null);
            case COMMAND_NOT_INVOKABLE -> CannotRunException.notInvokable(message, null);
            case BUILD_FAILED -> new BuildFailureException(message);
            case NOT_IMPLEMENTED -> new NotImplementedException(message);
            case UNAVAILABLE -> new UnavailableException(message);
            case ENGINE_FAILURE -> new EngineFailureException(message);
        };
    }

    /**
     * Rebuilds the exception an API client received from the answer's status, the error body's
     * {@code kind} (null when it had none) and its message; an unknown kind falls back on the status.
     */
    public static CairnException fromHttp(int status, String kind, String message) {
        ErrorKind known = ErrorKind.fromWire(kind);
        return of(known != null ? known : ErrorKind.forStatus(status), message);
    }

    /**
     * Rebuilds the exception that ended a stream (its {@code {"error": …, "errorDetail": {"kind": …}}}
     * line): a stream has no status of its own, so an absent or unknown kind is an engine failure.
     */
    public static CairnException fromStream(String kind, String message) {
        return fromHttp(500, kind, message);
    }
}
