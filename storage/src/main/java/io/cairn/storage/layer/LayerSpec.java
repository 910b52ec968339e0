package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.util.Optional;

/**
 * What the caller knows about a layer blob it registers.
 *
 * @param parent     chainID of the layer it goes on, empty for a base layer (must be registered)
 * @param blobDigest if present, the blob must hash to it
 * @param diffId     if present, the uncompressed tar must hash to it; it also lets the store
 *                   skip unpacking when the layer is already there
 */
public record LayerSpec(Optional<Digest> parent, Optional<Digest> blobDigest, Optional<Digest> diffId) {

    /** A base layer, nothing known in advance. */
    public static LayerSpec base() {
        return new LayerSpec(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LayerSpec withParent(Digest parentChainId) {
        return new LayerSpec(Optional.of(parentChainId), blobDigest, diffId);
    }

    public LayerSpec withBlobDigest(Digest expected) {
        return new LayerSpec(parent, Optional.of(expected), diffId);
    }

    public LayerSpec withDiffId(Digest expected) {
        return new LayerSpec(parent, blobDigest, Optional.of(expected));
    }
}
