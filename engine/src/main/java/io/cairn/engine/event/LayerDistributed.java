package io.cairn.engine.event;

/**
 * A layer's compressed form is known to be in a registry repository (pushed there, or pulled from
 * it): its digest and size, so that the next push of the layer can ask for it ({@code HEAD}) or
 * mount it instead of compressing and sending it again.
 *
 * @param diffId      digest of the uncompressed tar
 * @param compression {@code gzip} or {@code zstd}
 * @param digest      digest of the compressed blob
 * @param size        bytes of the compressed blob
 * @param repository  {@code registry-host/path} where it is
 */
public record LayerDistributed(String diffId, String compression, String digest, long size, String repository)
        implements Event {
}
