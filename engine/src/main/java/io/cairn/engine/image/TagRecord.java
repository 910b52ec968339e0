package io.cairn.engine.image;

/**
 * A name for an image.
 *
 * @param reference normalized reference ({@code docker.io/library/busybox:latest})
 * @param id        the image ID
 * @param taggedNanos when the tag was set
 */
public record TagRecord(String reference, String id, long taggedNanos) {
}
