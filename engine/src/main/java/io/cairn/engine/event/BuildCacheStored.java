package io.cairn.engine.event;

/**
 * A build step's result joined the build cache: later builds whose step has the same key reuse
 * {@code imageId} while that image exists.
 *
 * @param key     {@code sha256:<hex>} of the step's cache key
 * @param imageId the image the step produced
 * @param step    the instruction, for {@code builder prune} and {@code system df} listings
 */
public record BuildCacheStored(String key, String imageId, String step) implements Event {
}
