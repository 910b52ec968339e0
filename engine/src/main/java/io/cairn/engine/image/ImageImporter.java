package io.cairn.engine.image;

import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Path tmp;

    /** @param tmp the root's staging directory, for spooling the tarball */
    public ImageImporter(ImageService images, Path tmp) {
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
        // Spooled before the content lock is taken: the client sends at its own pace, and a stalled one
        // must not hold up rmi, prune, load, commit and builds. (The spool also lets a stream that breaks
        // be read again to name the entry it broke in.) Under the lock, only local work remains.
        Path spool = spool(tarball);
        try {
            return images.commitNew(content -> {
                ImageContent.StoredLayer layer;
                try {
                    layer = content.storeLayer(spool, Optional.empty(), Optional.empty(), Optional.empty());
                } catch (io.cairn.storage.layer.InvalidLayerException e) {
                    throw new io.cairn.api.InvalidArgumentException("import: the tarball is not a valid layer: "
                            + e.getMessage());
                }
                return describe(layer, changes, message, tags, content);
            }, uid);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // tmp/ is emptied at the next start anyway
            }
        }
    }

    /** Copies the request body to a staging file under the root's tmp/, removed again if the copy fails. */
    private Path spool(InputStream tarball) {
        Path spool;
        try {
            spool = Files.createTempFile(tmp, "import-", ".blob");
        } catch (IOException e) {
            throw new EngineFailureException("import: cannot create a staging file in " + tmp + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = receive(tarball, buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return spool;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new EngineFailureException("import: writing the staging file " + spool + ": " + e.getMessage(), e);
        }
    }

    /** A read of the client's body; its failure (the client went away) is the client's error. */
    private static int receive(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new InvalidArgumentException("import: the tarball could not be received: "
                    + (e.getMessage() == null ? "the connection ended" : e.getMessage()), e);
        }
    }

    private static NewImage describe(ImageContent.StoredLayer layer, Map<String, Object> changes, String message,
                                     List<String> tags, ImageContent content) throws IOException {
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
