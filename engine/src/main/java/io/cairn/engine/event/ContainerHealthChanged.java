package io.cairn.engine.event;

/**
 * The container's health check changed its verdict (Docker's {@code health_status} event): {@code status}
 * is {@code healthy} or {@code unhealthy}. Only changes are journaled, not each probe.
 */
public record ContainerHealthChanged(String id, String status) implements Event {
}
