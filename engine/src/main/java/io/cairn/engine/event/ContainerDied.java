package io.cairn.engine.event;

/**
 * The container's process ended with {@code exitCode} (128+N for signal N). {@code error} names
 * why it could not run at all (exit code 126 or 127), empty otherwise.
 */
public record ContainerDied(String id, int exitCode, String error) implements Event {
}
