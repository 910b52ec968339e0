package io.cairn.engine.event;

/** {@code restart} stopped and started the container again (audit: the state changes are their own events). */
public record ContainerRestarted(String id) implements Event {
}
