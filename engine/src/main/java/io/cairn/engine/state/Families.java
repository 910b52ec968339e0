package io.cairn.engine.state;

import io.cairn.storage.index.IndexStore;
import java.util.List;

/** The index's families (DESIGN.md "On disk"); each holds JSON records keyed by name or ID. */
public final class Families {
    public static final String IMAGES = "images";
    public static final String TAGS = "tags";
    public static final String LAYERS = "layers";
    public static final String CONTAINERS = "containers";
    public static final String NAMES = "names";
    public static final String BUILDCACHE = "buildcache";
    /** Builds in progress (started, no outcome yet): what recovery fails after a crash. */
    public static final String BUILDS = "builds";
    public static final String VOLUMES = "volumes";
    /** Content-store blobs with their reference counts (an addition to DESIGN.md's list). */
    public static final String BLOBS = "blobs";
    /** Layers' compressed digests and the registry repositories holding them (pull and push). */
    public static final String DISTRIBUTION = "distribution";
    /** Networks by ID. */
    public static final String NETWORKS = "networks";
    /** Connections of containers to networks, {@code containerId/networkId}. */
    public static final String NETCONNECT = "netconnect";
    /** A running container's allocation (addresses, host ports, netns), by container ID. */
    public static final String ENDPOINTS = "endpoints";
    /** Allocated addresses {@code networkId/ip} and host ports {@code port/PROTO/NUMBER}, each → container ID. */
    public static final String NETALLOC = "netalloc";
    public static final String META = IndexStore.META;

    /** Every family the engine opens, in a fixed order. */
    public static final List<String> ALL =
            List.of(IMAGES, TAGS, LAYERS, BLOBS, CONTAINERS, NAMES, BUILDCACHE, BUILDS, VOLUMES, DISTRIBUTION, NETWORKS,
                    NETCONNECT, ENDPOINTS, NETALLOC, META);

    private Families() {
    }
}
