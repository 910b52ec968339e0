package io.cairn.engine.image;

import java.util.List;

/**
 * An image as the index holds it. Immutable: tags live in the tags family, so tagging never
 * rewrites an image.
 *
 * @param id             {@code sha256:<hex>} of the config blob
 * @param manifestDigest the local manifest blob (uncompressed layers)
 * @param layers         chainIDs, bottom first
 * @param size           bytes of the layers' uncompressed tars
 * @param created        the config's creation time (RFC 3339), may be empty
 * @param createdNanos   when this root got the image (the event's time)
 * @param action         import, load, commit or build
 */
public record ImageRecord(String id, String manifestDigest, List<String> layers, long size, String created,
                          long createdNanos, String action) {
    public ImageRecord {
        layers = List.copyOf(layers);
    }
}
