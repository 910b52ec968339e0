package io.cairn.api;

/** The named object does not exist. */
public final class NotFoundException extends CairnException {
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
