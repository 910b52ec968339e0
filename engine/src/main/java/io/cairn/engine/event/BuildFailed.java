package io.cairn.engine.event;

/**
 * A build stopped without a result.
 *
 * @param buildId the build
 * @param step    the progress name of the failing step, or empty when no step was running
 * @param error   the message the client got
 */
public record BuildFailed(String buildId, String step, String error) implements Event {
}
