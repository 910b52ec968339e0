package io.cairn.engine.event;

/** Every process of the running container was frozen (cgroup freezer, {@code runc pause}). */
public record ContainerPaused(String id) implements Event {
}
