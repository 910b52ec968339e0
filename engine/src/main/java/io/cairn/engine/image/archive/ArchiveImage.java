package io.cairn.engine.image.archive;

import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.ImageConfig;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An image found in a staged archive.
 *
 * <ul>
 *   <li>{@code configDigest}: the digest of {@code configBytes}, verified by the reader: the image ID;
 *   <li>{@code configBytes}: the config exactly as archived (store these, not a re-encoding);
 *       {@code config} is their parsed form;
 *   <li>{@code layers}: base first, one per {@code rootfs.diff_ids} entry;
 *   <li>{@code repoTags}: the references the archive names it by (normalized, deduplicated, in
 *       archive order);
 *   <li>{@code bareTags}: OCI {@code org.opencontainers.image.ref.name} annotations that are only a
 *       tag ({@code latest}, {@code v1}) on index entries that give no full name
 *       ({@code io.containerd.image.name}): the archive names no repository for them, so the
 *       caller decides what they mean (Docker leaves such images untagged);
 *   <li>{@code manifest}: the descriptor of the OCI manifest the image came from (its bytes were
 *       verified against it), {@code null} for a docker-archive {@code manifest.json} entry.
 * </ul>
 * {@code configBytes} is shared, not copied: do not modify it.
 */
public record ArchiveImage(
        Digest configDigest,
        byte[] configBytes,
        ImageConfig config,
        List<ArchiveLayer> layers,
        List<Reference> repoTags,
        List<String> bareTags,
        Descriptor manifest) {

    public ArchiveImage {
        Objects.requireNonNull(configDigest, "configDigest");
        Objects.requireNonNull(configBytes, "configBytes");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        repoTags = List.copyOf(repoTags);
        bareTags = List.copyOf(bareTags);
    }
}
