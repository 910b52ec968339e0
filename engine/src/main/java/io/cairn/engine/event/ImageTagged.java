package io.cairn.engine.event;

/** {@code reference} (normalized, e.g. {@code docker.io/library/busybox:latest}) now names image {@code id}. */
public record ImageTagged(String reference, String id) implements Event {
}
