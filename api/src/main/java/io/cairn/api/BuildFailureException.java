package io.cairn.api;

/**
 * A build stopped at a step that failed on its own terms (a RUN exited non-zero, a COPY source is
 * missing, a base image is absent); the message names the Dockerfile line, the step and why. A
 * build stopped by the engine failing is an {@link EngineFailureException} instead.
 */
public final class BuildFailureException extends CairnException {
    public BuildFailureException(String message) {
        super(message);
    }

    public BuildFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BUILD_FAILED;
    }
}
