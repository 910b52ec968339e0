package io.cairn.engine.build.cache;

/**
 * A build cache entry as the {@code buildcache} family holds it.
 *
 * @param key         {@code sha256:<hex>} of the step's cache key
 * @param imageId     the image the step produced
 * @param step        the instruction
 * @param storedNanos when it was journaled
 */
public record CacheRecord(String key, String imageId, String step, long storedNanos) {
}
