package io.cairn.engine.build.run;

import io.cairn.engine.event.MountSpec;
import java.util.List;

/**
 * A RUN step resolved against the stage: what its container runs and with what.
 *
 * @param image      the image whose layers the container starts from
 * @param argv       the process (shell form already wrapped in the stage's SHELL)
 * @param env        {@code K=V}: the image's environment, then the build args in scope
 * @param workingDir the stage's WORKDIR, {@code /} by default
 * @param user       the stage's USER, root by default
 * @param network    {@code none} or {@code host}
 * @param mounts     {@code RUN --mount}s, resolved to host paths
 * @param display    the command as errors name it, e.g. {@code /bin/sh -c make}
 * @param mountKeys  what the bind mounts show, for the cache key: the digest of a context source's
 *                   tree, the image ID of a stage's; their host paths are temporary and say nothing
 */
public record RunSpec(String image, List<String> argv, List<String> env, String workingDir, String user, String network,
                      List<MountSpec> mounts, String display, List<String> mountKeys) {

    public RunSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        mountKeys = List.copyOf(mountKeys);
    }

    /** Everything that changes the step's result, for the cache key (the image is keyed separately). */
    public String cacheText() {
        StringBuilder b = new StringBuilder("RUN");
        argv.forEach(a -> b.append(' ').append(a.length()).append(':').append(a));
        b.append(" env");
        env.forEach(e -> b.append(' ').append(e.length()).append(':').append(e));
        b.append(" workdir ").append(workingDir).append(" user ").append(user).append(" network ").append(network);
        for (MountSpec m : mounts) {
            b.append(" mount ").append(m.type()).append(':').append(m.target()).append(':').append(m.readOnly())
                    .append(':').append(m.options());
        }
        mountKeys.forEach(k -> b.append(" source ").append(k.length()).append(':').append(k));
        return b.toString();
    }
}
