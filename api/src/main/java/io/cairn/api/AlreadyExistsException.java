package io.cairn.api;

/** An object with that name already exists. */
public final class AlreadyExistsException extends CairnException {
    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.ALREADY_EXISTS;
    }
}
