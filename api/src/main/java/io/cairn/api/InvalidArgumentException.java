package io.cairn.api;

/** An input (flag, field, reference, file) is malformed; the message names it. */
public final class InvalidArgumentException extends CairnException {
    public InvalidArgumentException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
