package io.cairn.engine.image;

/**
 * A blob of the content store in the index, with the number of references to it (images for
 * configs and manifests, layers for layer tars).
 */
public record BlobRecord(String digest, String mediaType, long size, int refs) {
    BlobRecord withRefs(int n) {
        return new BlobRecord(digest, mediaType, size, n);
    }
}
