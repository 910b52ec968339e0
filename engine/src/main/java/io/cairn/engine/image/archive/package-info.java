/**
 * Image archives, as {@code docker save}/{@code load}, {@code podman save} and skopeo exchange
 * them: a tar (plain or compressed) holding an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/}), Docker's docker-archive ({@code manifest.json} with
 * {@code <id>/layer.tar} directories or, since Docker 25, {@code blobs/sha256/...}), or both.
 *
 * <p>Loading is two steps: {@link io.cairn.engine.image.archive.ArchiveStager} extracts the tar
 * safely into a staging directory; {@link io.cairn.engine.image.archive.ArchiveReader} finds the
 * images in it (config bytes verified, layers located, tags). Saving is one streaming step:
 * {@link io.cairn.engine.image.archive.ArchiveWriter}. Nothing here touches the content store:
 * callers move verified blobs into it and record events.
 */
package io.cairn.engine.image.archive;
