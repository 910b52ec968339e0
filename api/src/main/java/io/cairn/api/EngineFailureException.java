package io.cairn.api;

/** The engine itself failed (I/O, a halted pipeline, an unexpected error); not the caller's fault. */
public final class EngineFailureException extends CairnException {
    public EngineFailureException(String message) {
        super(message);
    }

    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.ENGINE_FAILURE;
    }
}
