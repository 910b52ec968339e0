package io.cairn.engine.image.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest: OCI ({@link MediaTypes#OCI_MANIFEST}) or Docker schema 2
 * ({@link MediaTypes#DOCKER_MANIFEST}), which share this shape. {@code schemaVersion} is 2;
 * {@code config} and {@code layers} (base first) are required; {@code mediaType} is optional in
 * OCI but Cairn always writes it; the others are {@code null} when absent.
 */
public record Manifest(
        int schemaVersion,
        String mediaType,
        String artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations) {

    public Manifest {
        Objects.requireNonNull(config, "manifest config");
        layers = List.copyOf(Objects.requireNonNull(layers, "manifest layers"));
    }

    /** An OCI manifest for {@code config} and {@code layers}, as Cairn writes them. */
    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
    }
}
