package io.cairn.engine.image;

import java.util.List;

/**
 * An image whose content is already in the stores, waiting to be decided into events.
 *
 * @param id             config digest
 * @param configSize     bytes of the config
 * @param manifestDigest local manifest digest
 * @param manifestSize   bytes of the manifest
 * @param layers         the stored layers, bottom first
 * @param created        config creation time (RFC 3339) or empty
 * @param action         import, load, commit or build
 * @param tags           normalized references to point at it
 */
record NewImage(String id, long configSize, String manifestDigest, long manifestSize,
                List<ImageContent.StoredLayer> layers, String created, String action, List<String> tags) {
}
