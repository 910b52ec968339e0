package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image config (OCI {@link MediaTypes#OCI_CONFIG}, Docker {@link MediaTypes#DOCKER_CONFIG}):
 * the platform, creation time and author, how to run it ({@code config}), the layers' diffIDs
 * ({@code rootfs}) and {@code history}. {@code architecture}, {@code os} and {@code rootfs} are
 * required; the rest is {@code null} when absent. The image ID is the digest of the config's
 * bytes. Docker's extra fields ({@code container_config}, {@code docker_version}, ...) are
 * ignored when read: keep a foreign config's raw bytes.
 */
public record ImageConfig(
        Instant created,
        String author,
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant,
        ExecutionConfig config,
        RootFs rootfs,
        List<HistoryEntry> history) {

    public ImageConfig {
        Objects.requireNonNull(architecture, "config architecture");
        Objects.requireNonNull(os, "config os");
        Objects.requireNonNull(rootfs, "config rootfs");
    }

    /** The layers' diffIDs, base first. */
    public List<io.cairn.storage.digest.Digest> diffIds() {
        return rootfs.diffIds();
    }

    /** This config with another {@code rootfs} and {@code history} (what commit and build change). */
    public ImageConfig withLayers(RootFs newRootfs, List<HistoryEntry> newHistory) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                newRootfs, newHistory);
    }

    /** This config with another execution {@code config}. */
    public ImageConfig withConfig(ExecutionConfig newConfig) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, newConfig,
                rootfs, history);
    }

    /** This config with another creation time and author. */
    public ImageConfig withCreated(Instant newCreated, String newAuthor) {
        return new ImageConfig(newCreated, newAuthor, architecture, os, osVersion, osFeatures, variant, config,
                rootfs, history);
    }
}
