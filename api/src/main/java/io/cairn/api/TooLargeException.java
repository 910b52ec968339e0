package io.cairn.api;

/** A request body is larger than the daemon's limit; the message names the request and the limit. */
public final class TooLargeException extends CairnException {
    public TooLargeException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.TOO_LARGE;
    }
}
