package io.cairn.engine.image.oci;

import io.cairn.storage.digest.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: the media type, digest and size of a blob, with optional URLs,
 * annotations, embedded data (base64) and, in an index, the platform. {@code mediaType},
 * {@code digest} and {@code size} are required; every other component is {@code null} when absent.
 */
public record Descriptor(
        String mediaType,
        String artifactType,
        Digest digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        String data,
        Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "descriptor mediaType");
        Objects.requireNonNull(digest, "descriptor digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor " + digest + " has a negative size: " + size);
        }
    }

    /** A descriptor with only the three required fields. */
    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, null, digest, size, null, null, null, null);
    }

    /** This descriptor with {@code newAnnotations} (replacing any). */
    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, artifactType, digest, size, urls, newAnnotations, data, platform);
    }

    /** The annotation {@code key}, or {@code null}. */
    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
