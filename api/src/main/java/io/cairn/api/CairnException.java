package io.cairn.api;

/**
 * The root of Cairn's error hierarchy. Every message names the object it is about (a volume, a
 * reference, a file and line, a field). The HTTP API maps each kind to a status code and the CLI to
 * an exit code.
 */
public abstract sealed class CairnException extends RuntimeException
        permits NotFoundException, AlreadyExistsException, ConflictException,
        InvalidArgumentException, EngineFailureException {

    protected CairnException(String message) {
        super(message);
    }

    protected CairnException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status the API answers with for this kind of error (Docker's mapping). */
    public abstract int httpStatus();

    /** Rebuilds the exception an API client received, from its status code and message. */
    public static CairnException fromHttp(int status, String message) {
        return switch (status) {
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            case 400 -> new InvalidArgumentException(message);
            default -> new EngineFailureException(message);
        };
    }
}
