package io.cairn.engine.event;

/**
 * A start of the container was decided and is under way: the one start that runs it. Every other
 * start decided before it ends (by {@link ContainerStarted} or {@link ContainerDied}) finds the
 * container starting and changes nothing, as Docker's serialised start answers 304.
 */
public record ContainerStarting(String id) implements Event {
}
