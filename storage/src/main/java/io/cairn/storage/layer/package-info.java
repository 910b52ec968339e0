/**
 * Layers: the tar/whiteout codec and the store of unpacked layers.
 *
 * <ul>
 *   <li>{@link io.cairn.storage.layer.LayerUnpacker}: blob (plain, gzip, zstd) → directory, with
 *       the blob digest and diffID computed in the same pass and every unsafe entry refused;</li>
 *   <li>{@link io.cairn.storage.layer.LayerPacker}: directory (an overlay upperdir) → canonical
 *       tar with tar whiteouts, returning the diffID;</li>
 *   <li>{@link io.cairn.storage.layer.LayerStore}: unpacked layers named by chainID
 *       ({@link io.cairn.storage.layer.ChainIds}), verified by {@link io.cairn.storage.layer.TreeManifest};</li>
 *   <li>{@code io.cairn.storage.layer.tar}: the bounded tar reader and the deterministic writer.</li>
 * </ul>
 * Knows nothing of images: it deals in layer tars, diffIDs, chainIDs and directories.
 */
package io.cairn.storage.layer;
