package io.cairn.engine.event;

/**
 * An unpacked layer became known to the index.
 *
 * @param chainId    the layer's name
 * @param diffId     digest of its uncompressed tar (also the digest of its blob)
 * @param parent     chainID of the layer below, or {@code null} for a base layer
 * @param treeDigest digest of the unpacked tree, for {@code image verify}
 * @param size       bytes of the uncompressed tar
 */
public record LayerRegistered(String chainId, String diffId, String parent, String treeDigest, long size)
        implements Event {
}
