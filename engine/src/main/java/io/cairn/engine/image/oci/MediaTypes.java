package io.cairn.engine.image.oci;

import java.util.Set;

/** Media types of the OCI image spec and of Docker's image manifest v2, schema 2. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** The layer type Cairn stores: an uncompressed tar. */
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_LAYER_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    /** Version of the {@code oci-layout} file Cairn writes and reads. */
    public static final String OCI_LAYOUT_VERSION = "1.0.0";

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    /** Not registered by Docker, but written by some tools (e.g. for uncompressed docker-archive layers). */
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

    /** Annotation: the tag (or whole reference) of a manifest in an OCI layout's index. */
    public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";
    /** Annotation: the full image name containerd and Docker 25+ put beside {@link #ANNOTATION_REF_NAME}. */
    public static final String ANNOTATION_CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);

    private MediaTypes() {
    }

    /** An image manifest, OCI or Docker schema 2. */
    public static boolean isManifest(String mediaType) {
        return mediaType != null && MANIFESTS.contains(mediaType);
    }

    /** An index of manifests, OCI or Docker's manifest list. */
    public static boolean isIndex(String mediaType) {
        return mediaType != null && INDEXES.contains(mediaType);
    }

    /** An image config, OCI or Docker. */
    public static boolean isConfig(String mediaType) {
        return mediaType != null && CONFIGS.contains(mediaType);
    }

    /** A layer type Cairn can unpack (see {@link Compression#ofLayerMediaType}). */
    public static boolean isLayer(String mediaType) {
        return Compression.ofLayerMediaType(mediaType).isPresent();
    }
}
