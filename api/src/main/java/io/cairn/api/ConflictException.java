package io.cairn.api;

/** The operation conflicts with the object's current state (in use, running, …). */
public final class ConflictException extends CairnException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
