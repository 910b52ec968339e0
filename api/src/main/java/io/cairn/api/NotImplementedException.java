package io.cairn.api;

/**
 * The request is one Docker's Engine API defines (or a feature Docker has) that Cairn does not
 * implement: a client learns so at once, with the endpoint named, instead of a 404 it would read as
 * a missing object, or a hang.
 */
public final class NotImplementedException extends CairnException {
    public NotImplementedException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_IMPLEMENTED;
    }
}
