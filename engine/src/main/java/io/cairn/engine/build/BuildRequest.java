package io.cairn.engine.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code cairn build} asks for. The context is a directory on the daemon's host (the CLI and
 * the daemon share it), read in place; the Dockerfile travels as text.
 *
 * @param dockerfileName how errors name the Dockerfile ({@code Dockerfile}, {@code <stdin>}, a path)
 * @param dockerfile     the Dockerfile's text
 * @param context        the context directory, or empty ({@code cairn build -}: no context)
 * @param tags           references to tag the result with (not yet normalized)
 * @param buildArgs      {@code --build-arg} values; {@code SOURCE_DATE_EPOCH} among them makes the build reproducible
 * @param target         the stage to build, default the last
 * @param noCache        ignore the build cache (results are still stored in it)
 * @param network        {@code none} (default), {@code bridge} (the default bridge network) or {@code host}:
 *                       the network of RUN steps ({@code RUN --network=default} takes it)
 * @param entitlements   what {@code --allow} grants ({@link Entitlements}), e.g. {@code network.host}
 *                       for {@code RUN --network=host}
 * @param labels         {@code --label} values added to the final image
 * @param secrets        {@code --secret} values by id, for {@code RUN --mount=type=secret}; never journaled,
 *                       never part of a cache key or an image
 * @param ssh            {@code --ssh} agent sockets on this host by id, for {@code RUN --mount=type=ssh}
 * @param registryAuths  credentials for pulling base images ({@code X-Registry-Config}); never journaled
 */
public record BuildRequest(String dockerfileName, String dockerfile, Optional<Path> context, List<String> tags,
                           Map<String, String> buildArgs, Optional<String> target, boolean noCache, String network,
                           Set<String> entitlements, Map<String, String> labels, Map<String, byte[]> secrets, Map<String, Path> ssh,
                           io.cairn.engine.registry.RegistryAuths registryAuths) {

    public BuildRequest {
        Objects.requireNonNull(dockerfileName, "dockerfileName");
        Objects.requireNonNull(dockerfile, "dockerfile");
        tags = List.copyOf(tags);
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        secrets = Map.copyOf(secrets);
        ssh = Map.copyOf(ssh);
        registryAuths = registryAuths == null ? io.cairn.engine.registry.RegistryAuths.NONE : registryAuths;
        network = network == null || network.isEmpty() || network.equals("default") ? "none" : network;
        entitlements = Entitlements.of(entitlements);
    }

    /** The secrets' values stay out of logs and exceptions. */
    @Override
    public String toString() {
        return "BuildRequest[" + dockerfileName + ", context=" + context + ", tags=" + tags + ", target=" + target
                + ", allow=" + entitlements + ", secrets=" + secrets.keySet() + ", ssh=" + ssh.keySet() + "]";
    }

    /** BuildKit's convention: the {@code SOURCE_DATE_EPOCH} build arg, in seconds. */
    public Optional<Long> sourceDateEpoch() {
        String v = buildArgs.get("SOURCE_DATE_EPOCH");
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new io.cairn.api.InvalidArgumentException("invalid SOURCE_DATE_EPOCH \"" + v
                    + "\": expected seconds since the Unix epoch");
        }
    }
}
