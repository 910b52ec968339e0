package io.cairn.engine.event;

/** A blob written to the content store became known to the index (with no references yet). */
public record BlobStored(String digest, String mediaType, long size) implements Event {
}
