package io.cairn.engine.event;

/**
 * A user stopped or killed the container ({@code stop}, {@code kill}), journaled before the signal is
 * sent: its restart policy does not restart it until its next start (Docker's "manually stopped"), and
 * a restart pending after a back-off is cancelled.
 */
public record ContainerStopRequested(String id) implements Event {
}
