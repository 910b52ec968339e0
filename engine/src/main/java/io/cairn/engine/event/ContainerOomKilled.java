package io.cairn.engine.event;

/**
 * The kernel's OOM killer killed a process of the container (its cgroup's memory limit was hit);
 * journaled before the {@link ContainerDied} of that run, so {@code State.OOMKilled} holds with it.
 */
public record ContainerOomKilled(String id) implements Event {
}
