package io.cairn.engine.event;

/** A signal was sent to the container ({@code kill}, or {@code stop}'s signals). */
public record ContainerKilled(String id, int signal) implements Event {
}
