package io.cairn.engine.event;

/** A paused container's processes were thawed ({@code runc resume}). */
public record ContainerUnpaused(String id) implements Event {
}
