package io.cairn.engine.image.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image index (OCI {@link MediaTypes#OCI_INDEX}, also the shape of Docker's manifest list and of
 * an OCI layout's {@code index.json}). {@code schemaVersion} is 2 and {@code manifests} required;
 * the others are {@code null} when absent.
 */
public record Index(
        int schemaVersion,
        String mediaType,
        String artifactType,
        List<Descriptor> manifests,
        Descriptor subject,
        Map<String, String> annotations) {

    public Index {
        manifests = List.copyOf(Objects.requireNonNull(manifests, "index manifests"));
    }

    /** An OCI index of {@code manifests}, as Cairn writes it. */
    public static Index oci(List<Descriptor> manifests) {
        return new Index(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
    }
}
