package io.cairn.engine.event;

/** The container's writable layer became image {@code imageId} (whose own events precede this one). */
public record ContainerCommitted(String id, String imageId) implements Event {
}
