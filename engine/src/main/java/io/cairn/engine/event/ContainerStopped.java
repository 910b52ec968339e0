package io.cairn.engine.event;

/** {@code stop} finished: the container is no longer running. */
public record ContainerStopped(String id) implements Event {
}
