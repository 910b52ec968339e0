/**
 * The OCI image-spec (1.1) and Docker image JSON documents as Java records: {@link
 * io.cairn.engine.image.oci.Descriptor}, {@link io.cairn.engine.image.oci.Manifest}, {@link
 * io.cairn.engine.image.oci.Index}, {@link io.cairn.engine.image.oci.ImageConfig}, with the media
 * types that name them and {@link io.cairn.engine.image.oci.OciJson}, the tolerant reader and
 * canonical writer.
 *
 * <p>The model is for reading documents and for writing Cairn's own. A foreign config or manifest
 * is always kept as the bytes it arrived as, since its digest is of those bytes: never re-serialize
 * a parsed foreign document and expect the same digest.
 */
package io.cairn.engine.image.oci;
