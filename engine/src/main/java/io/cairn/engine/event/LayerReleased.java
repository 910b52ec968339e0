package io.cairn.engine.event;

/** A layer no image references leaves the index; its directory is deleted by the effect that follows. */
public record LayerReleased(String chainId) implements Event {
}
