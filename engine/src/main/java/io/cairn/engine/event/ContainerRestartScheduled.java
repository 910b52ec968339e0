package io.cairn.engine.event;

/**
 * The container's process ended and its restart policy restarts it: after {@code delayMillis} (Docker's
 * back-off) the engine starts it again. {@code restartCount} is the container's count of policy
 * restarts once this one is done (Docker's {@code RestartCount}). Replay only records it: restarts are
 * driven by the running engine (a start decided after the delay, or, after a daemon restart, by its
 * recovery), never by projecting this event.
 */
public record ContainerRestartScheduled(String id, int restartCount, long delayMillis) implements Event {
}
