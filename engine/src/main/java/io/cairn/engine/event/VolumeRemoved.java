package io.cairn.engine.event;

/** A named volume was removed; its directory is deleted by the effect that follows. */
public record VolumeRemoved(String name) implements Event {
}
