package io.cairn.it.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An OCI image layout the test writes itself (uncompressed layers), for skopeo to copy into a
 * registry in whatever format and compression a test asks: images of any platform, and indexes.
 */
final class OciLayout {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A descriptor written to the layout. */
    record Blob(String mediaType, String digest, long size) {
        Map<String, Object> descriptor() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", mediaType);
            d.put("digest", digest);
            d.put("size", size);
            return d;
        }
    }

    /** An image of the layout: its manifest and config. */
    record Image(Blob manifest, Blob config, String os, String architecture) {
    }

    private final Path dir;
    private final List<Map<String, Object>> refs = new ArrayList<>();

    OciLayout(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    Path dir() {
        return dir;
    }

    Blob blob(String mediaType, byte[] bytes) throws IOException {
        String hex = hex(bytes);
        Files.write(dir.resolve("blobs/sha256/" + hex), bytes);
        return new Blob(mediaType, "sha256:" + hex, bytes.length);
    }

    /** An image of {@code layers} (tars) for linux/{@code arch}, running {@code cmd}, labelled {@code label}. */
    Image image(List<byte[]> layers, String arch, List<String> cmd, String label) throws IOException {
        List<Object> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        List<Object> history = new ArrayList<>();
        for (byte[] layer : layers) {
            Blob b = blob("application/vnd.oci.image.layer.v1.tar", layer);
            layerDescriptors.add(b.descriptor());
            diffIds.add(b.digest());
            history.add(Map.of("created", "2024-01-01T00:00:00Z", "created_by", "test layer"));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2024-01-01T00:00:00Z");
        config.put("architecture", arch);
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", cmd, "Labels", Map.of("test", label),
                "Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        config.put("history", history);
        Blob c = blob("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.put("config", c.descriptor());
        manifest.put("layers", layerDescriptors);
        Blob m = blob("application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
        return new Image(m, c, "linux", arch);
    }

    /** An index of {@code images}, each with its platform. */
    Blob index(List<Image> images) throws IOException {
        List<Object> entries = new ArrayList<>();
        for (Image i : images) {
            Map<String, Object> d = i.manifest().descriptor();
            d.put("platform", Map.of("os", i.os(), "architecture", i.architecture()));
            entries.add(d);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", entries);
        return blob("application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(index));
    }

    /** Names {@code blob} {@code ref} in the layout's index.json. */
    void ref(String ref, Blob blob) throws IOException {
        Map<String, Object> d = blob.descriptor();
        d.put("annotations", Map.of("org.opencontainers.image.ref.name", ref));
        refs.add(d);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.index.v1+json", "manifests", refs)));
    }

    /** A tar of one regular file. */
    static byte[] tarOf(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(bytes.length);
            e.setMode(0644);
            e.setModTime(0);
            tar.putArchiveEntry(e);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
