package io.cairn.engine.event;

/** The container's limits are now {@code resources} (applied to the running cgroup first, when it runs). */
public record ContainerUpdated(String id, Resources resources) implements Event {
}
