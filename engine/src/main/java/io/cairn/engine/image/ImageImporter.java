package io.cairn.engine.image;

import io.cairn.storage.digest.Digest;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker import}: a root filesystem tarball (plain, gzip or zstd) becomes a one-layer image
 * whose config carries the {@code -c} changes and whose history entry carries the message.
 */
public final class ImageImporter {

    private final ImageService images;
    private final java.nio.file.Path tmp;

    /** @param tmp the root's staging directory, for spooling the tarball */
    public ImageImporter(ImageService images, java.nio.file.Path tmp) {
        this.images = images;
        this.tmp = tmp;
    }

    /**
     * Imports {@code tarball}.
     *
     * @param reference optional name for the image (normalized when stored)
     * @param changes   image config changes (the {@code Config} object's fields), already parsed
     * @param message   the history comment; Docker's default is "Imported from -"
     * @return the image ID
     */
    public String importRootfs(InputStream tarball, Optional<String> reference, Map<String, Object> changes,
                               String message, int uid) {
        List<String> tags = reference.map(r -> List.of(ImageNames.normalize(r))).orElse(List.of());
        return images.commitNew(content -> {
            ImageContent.StoredLayer layer;
            // spooled first, so that a stream that breaks can be read again to name the entry it broke in
            java.nio.file.Path spool = java.nio.file.Files.createTempFile(tmp, "import-", ".blob");
            try {
                java.nio.file.Files.copy(tarball, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                layer = content.storeLayer(spool, Optional.empty(), Optional.empty(), Optional.empty());
            } catch (io.cairn.storage.layer.InvalidLayerException e) {
                throw new io.cairn.engine.api.InvalidArgumentException("import: the tarball is not a valid layer: "
                        + e.getMessage());
            } finally {
                java.nio.file.Files.deleteIfExists(spool);
            }
            String created = ImageService.now();
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("architecture", architecture());
            config.put("config", changes);
            config.put("created", created);
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("created", created);
            history.put("comment", message == null || message.isEmpty() ? "Imported from -" : message);
            config.put("history", List.of(history));
            config.put("os", "linux");
            config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(layer.info().diffId().toString())));
            byte[] configBytes = ImageContent.JSON.writeValueAsBytes(config);
            Digest configDigest = content.blobs().put(configBytes);
            byte[] manifest = ImageContent.JSON.writeValueAsBytes(
                    content.manifest(configDigest, configBytes.length, List.of(layer)));
            Digest manifestDigest = content.blobs().put(manifest);
            return new NewImage(configDigest.toString(), configBytes.length, manifestDigest.toString(), manifest.length,
                    List.of(layer), created, "import", tags);
        }, uid);
    }

    /** The OCI architecture name of this JVM's platform. */
    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
