package io.cairn.engine.image;

/**
 * An unpacked layer in the index, with the number of images that use it.
 *
 * @param chainId    its name
 * @param diffId     digest of its uncompressed tar, which is also its blob
 * @param parent     the layer below, or {@code null}
 * @param treeDigest digest of the unpacked tree
 * @param size       bytes of the uncompressed tar
 * @param refs       images that list it
 */
public record LayerRecord(String chainId, String diffId, String parent, String treeDigest, long size, int refs) {
    LayerRecord withRefs(int n) {
        return new LayerRecord(chainId, diffId, parent, treeDigest, size, n);
    }
}
