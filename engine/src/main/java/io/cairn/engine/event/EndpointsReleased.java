package io.cairn.engine.event;

/** A container's run ended and its addresses, host ports and network namespace were torn down. */
public record EndpointsReleased(String containerId) implements Event {
}
