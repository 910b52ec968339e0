package io.cairn.engine.event;

import java.util.List;

/**
 * An image was created by {@code action} ({@code import}, {@code load}, {@code commit}, {@code build}).
 * Its blobs and layers must already be known to the index ({@link BlobStored}, {@link LayerRegistered},
 * possibly earlier in the same decision); the projection takes a reference on each.
 *
 * @param id             the image ID: digest of the config blob
 * @param manifestDigest digest of the local manifest blob
 * @param layers         chainIDs, bottom first
 * @param size           total bytes of the layers' uncompressed tars
 * @param created        the config's creation time (RFC 3339), or empty
 * @param action         what made it
 */
public record ImageCreated(String id, String manifestDigest, List<String> layers, long size, String created,
                           String action) implements Event {
    public ImageCreated {
        layers = List.copyOf(layers);
    }
}
