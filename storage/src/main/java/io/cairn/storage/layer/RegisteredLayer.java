package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;

/**
 * The outcome of {@link LayerStore#register}.
 *
 * @param layer       the layer now in the store
 * @param blobDigest  digest of the blob as given (compressed bytes when it was compressed)
 * @param blobSize    bytes of the blob as given
 * @param compression how the blob was compressed
 * @param created     false when the layer was already there (registering it again is a success)
 */
public record RegisteredLayer(LayerInfo layer, Digest blobDigest, long blobSize, Compression compression,
                              boolean created) {
}
