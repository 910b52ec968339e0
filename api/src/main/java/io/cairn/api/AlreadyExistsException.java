package io.cairn.api;

/** An object with that name already exists. */
public final class AlreadyExistsException extends CairnException {
    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
