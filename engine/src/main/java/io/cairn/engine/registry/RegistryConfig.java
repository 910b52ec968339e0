package io.cairn.engine.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the daemon reaches registries (its {@code --insecure-registry}, {@code --registry-mirror} and
 * {@code --registry-certs-dir} options) and the limits it holds every registry to.
 *
 * @param insecure     hosts ({@code host[:port]}) spoken to over plain HTTP when HTTPS fails, or with
 *                     any certificate: Docker's {@code insecure-registries}. Loopback hosts always are.
 * @param mirrors      Docker Hub mirrors, tried in order before Docker Hub itself (pulls only)
 * @param certsDir     where {@code HOST[:PORT]/ca.crt} (any {@code *.crt}) add trusted CAs: Docker's
 *                     {@code /etc/docker/certs.d}
 * @param limits       what a registry's answers may weigh and how long they may take
 */
public record RegistryConfig(Set<String> insecure, List<URI> mirrors, Path certsDir, Limits limits) {

    /** Docker's directory of per-registry CAs. */
    public static final Path DOCKER_CERTS_DIR = Path.of("/etc/docker/certs.d");

    public RegistryConfig {
        insecure = Set.copyOf(insecure);
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(certsDir, "certsDir");
        Objects.requireNonNull(limits, "limits");
    }

    /** No insecure host but loopback, no mirror, Docker's certificate directory, the default limits. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(Set.of(), List.of(), DOCKER_CERTS_DIR, Limits.DEFAULT);
    }

    /** This configuration with other limits (tests shorten the timeouts). */
    public RegistryConfig withLimits(Limits newLimits) {
        return new RegistryConfig(insecure, mirrors, certsDir, newLimits);
    }

    /**
     * @param maxManifestBytes  a manifest or index larger than this is refused (containerd's 4 MiB)
     * @param maxConfigBytes    an image config larger than this is refused
     * @param maxLayers         a manifest naming more layers is refused
     * @param maxIndexEntries   an index naming more manifests is refused
     * @param connectTimeout    to open a connection
     * @param headersTimeout    from a request sent to its answer's headers
     * @param idleTimeout       longest wait for the next bytes of a body (a registry that drips)
     */
    public record Limits(long maxManifestBytes, long maxConfigBytes, int maxLayers, int maxIndexEntries,
                         Duration connectTimeout, Duration headersTimeout, Duration idleTimeout) {
        public static final Limits DEFAULT = new Limits(4L << 20, 8L << 20, 1000, 1000,
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60));

        /** These limits with other timeouts. */
        public Limits withTimeouts(Duration connect, Duration headers, Duration idle) {
            return new Limits(maxManifestBytes, maxConfigBytes, maxLayers, maxIndexEntries, connect, headers, idle);
        }
    }
}
