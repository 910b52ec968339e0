package io.cairn.api;

/**
 * The daemon refuses a request for what serving it would cost now, not for what it asks (its
 * follower slots are all taken, it is stopping): the same request may succeed later.
 */
public final class UnavailableException extends CairnException {
    public UnavailableException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }
}
