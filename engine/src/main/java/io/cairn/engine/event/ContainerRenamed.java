package io.cairn.engine.event;

/** The container is now called {@code newName}; {@code oldName} is free again. */
public record ContainerRenamed(String id, String oldName, String newName) implements Event {
}
