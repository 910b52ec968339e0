package io.cairn.engine.build;

/**
 * A build stopped: its message names the Dockerfile line, the step and why (for a RUN, the
 * command and its exit code). The build left no container, mount or half-written image.
 */
public final class BuildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildFailedException(String message) {
        super(message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
