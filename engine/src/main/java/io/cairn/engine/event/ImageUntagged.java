package io.cairn.engine.event;

/** {@code reference} no longer names image {@code id}. */
public record ImageUntagged(String reference, String id) implements Event {
}
