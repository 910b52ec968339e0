package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.util.Optional;

/**
 * An unpacked layer in the store.
 *
 * @param chainId    the layer's name: its chainID
 * @param diffId     sha256 of its uncompressed tar
 * @param parent     chainID of the layer below, empty for a base layer
 * @param treeDigest digest of its unpacked tree ({@link TreeManifest}), for verification
 * @param diffSize   bytes of its uncompressed tar
 */
public record LayerInfo(Digest chainId, Digest diffId, Optional<Digest> parent, Digest treeDigest, long diffSize) {
}
