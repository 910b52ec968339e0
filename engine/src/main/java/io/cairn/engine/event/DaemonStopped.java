package io.cairn.engine.event;

/** A daemon stopped cleanly; a start without a stop before it marks a crash. */
public record DaemonStopped(long pid) implements Event {
}
