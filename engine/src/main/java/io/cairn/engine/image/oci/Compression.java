package io.cairn.engine.image.oci;

import java.util.Optional;

/**
 * How a layer blob is compressed, as its media type declares it. {@link #DETECT} means the
 * declaration does not say (a docker-archive {@code layer.tar}, Docker's
 * {@code rootfs.diff.tar.gzip} which Docker also uses for plain tars): the reader of the bytes
 * must look at their magic number.
 */
public enum Compression {
    NONE, GZIP, ZSTD, DETECT;

    /** The compression a layer media type declares, or empty when it is not a known layer type. */
    public static Optional<Compression> ofLayerMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (mediaType) {
            case MediaTypes.OCI_LAYER, MediaTypes.OCI_LAYER_NONDISTRIBUTABLE -> NONE;
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_GZIP -> GZIP;
            case MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_ZSTD -> ZSTD;
            case MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.DOCKER_LAYER_FOREIGN_GZIP, MediaTypes.DOCKER_LAYER -> DETECT;
            default -> null;
        });
    }
}
