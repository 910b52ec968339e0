package io.cairn.engine.event;

/** The container was removed; its name is free and its files are deleted by the effect that follows. */
public record ContainerRemoved(String id) implements Event {
}
