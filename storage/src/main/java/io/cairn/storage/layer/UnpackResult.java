package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;

/**
 * What one pass over a layer blob found.
 *
 * @param compression how the blob was compressed
 * @param blobDigest  sha256 of the blob as received (compressed bytes)
 * @param blobSize    bytes of the blob as received
 * @param diffId      sha256 of the uncompressed tar (the layer's DiffID)
 * @param diffSize    bytes of the uncompressed tar
 */
public record UnpackResult(Compression compression, Digest blobDigest, long blobSize, Digest diffId, long diffSize) {
}
