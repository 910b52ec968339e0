package io.cairn.api;

/** An input (flag, field, reference, file) is malformed; the message names it. */
public final class InvalidArgumentException extends CairnException {
    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_ARGUMENT;
    }
}
