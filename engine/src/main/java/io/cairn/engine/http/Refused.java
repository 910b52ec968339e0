package io.cairn.engine.http;

/**
 * The API refusing a request for what it costs the daemon rather than for what it asks (a body over
 * the limit: 413; no follower slot left: 503). Not a domain error, so not a
 * {@link io.cairn.api.CairnException}; answered as Docker's {@code {"message": …}} body.
 */
final class Refused extends RuntimeException {

    private final int status;

    Refused(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
