package io.cairn.engine.runtime.spec;

import java.util.List;
import java.util.Map;

/**
 * An OCI runtime bundle's {@code config.json} (runtime-spec 1.0.2, Linux), the subset Cairn writes.
 * Field names are the spec's; {@code null} means "absent" and is left out of the JSON.
 *
 * @param ociVersion  the runtime-spec version this document follows
 * @param process     what runs, as whom, with which capabilities and limits
 * @param root        the container's root filesystem (the overlay mount)
 * @param hostname    the UTS hostname (Docker's default: the short container ID)
 * @param mounts      mounts made inside the container, in order (parents before children)
 * @param hooks       lifecycle hooks, or {@code null}
 * @param annotations labels and the stop signal ({@code org.opencontainers.image.stopSignal})
 * @param linux       namespaces, devices, seccomp, masked and read-only paths
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {

    /** The runtime-spec version Cairn writes; runc 1.1 accepts it. */
    public static final String OCI_VERSION = "1.0.2";

    public Spec {
        mounts = List.copyOf(mounts);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    /** The root filesystem: {@code path} absolute, {@code readonly} for {@code --read-only}. */
    public record Root(String path, boolean readonly) {
    }

    /** Hooks the runtime runs; only the stage Cairn uses is modelled. */
    public record Hooks(List<Hook> createContainer) {
        public Hooks {
            createContainer = List.copyOf(createContainer);
        }
    }

    /** One hook: an absolute {@code path} on the host, its {@code args} (argv[0] first). */
    public record Hook(String path, List<String> args) {
        public Hook {
            args = List.copyOf(args);
        }
    }
}
