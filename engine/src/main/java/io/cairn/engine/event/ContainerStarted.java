package io.cairn.engine.event;

/** The container's process runs as host pid {@code pid}. */
public record ContainerStarted(String id, long pid) implements Event {
}
