package io.cairn.engine.event;

/** A network was removed; no container was connected to it. */
public record NetworkRemoved(String id) implements Event {
}
