package io.cairn.engine.build.run;

/**
 * A RUN step failed: the message says why (the command and its exit code, a mount it cannot make,
 * a secret it was not given). The stage builder reports it as the build's failure, naming the
 * Dockerfile line; the step left no container or mount behind.
 */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
