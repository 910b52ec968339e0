package io.cairn.engine.event;

/** An image was deleted; the projection drops its references on its layers and blobs. */
public record ImageDeleted(String id) implements Event {
}
