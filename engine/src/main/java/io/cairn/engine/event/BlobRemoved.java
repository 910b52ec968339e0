package io.cairn.engine.event;

/** A blob nothing references any more leaves the index; its file is deleted by the effect that follows. */
public record BlobRemoved(String digest) implements Event {
}
