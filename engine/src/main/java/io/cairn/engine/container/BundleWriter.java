package io.cairn.engine.container;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a container's OCI bundle ({@code config.json}) for its mounted root filesystem: the
 * container's resolved configuration with Docker's isolation defaults.
 */
@FunctionalInterface
public interface BundleWriter {

    /**
     * @param container the container (its config resolved at create)
     * @param rootfs    the mounted root filesystem (its /etc/passwd and /etc/group resolve the user)
     * @param bundle    the directory that receives config.json
     * @param mounts    host paths for the container's volume and bind mounts, resolved by the caller
     */
    void write(ContainerRecord container, Path rootfs, Path bundle, java.util.List<ResolvedMount> mounts)
            throws IOException;

    /**
     * As {@link #write(ContainerRecord, Path, Path, java.util.List)}, joining the network {@code net}
     * says and binding its host files; a writer that knows no networks ignores it.
     */
    default void write(ContainerRecord container, Path rootfs, Path bundle, java.util.List<ResolvedMount> mounts,
                       io.cairn.engine.network.RunNetwork net) throws IOException {
        write(container, rootfs, bundle, mounts);
    }

    /** A mount with its host source resolved ({@code null} source for tmpfs). */
    record ResolvedMount(String type, Path source, String target, boolean readOnly, java.util.List<String> options) {
    }
}
