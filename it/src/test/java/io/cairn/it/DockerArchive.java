package io.cairn.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Images made by tests, in {@code docker save}'s format, for {@code cairn load}. */
public final class DockerArchive {

    /** A regular file of a layer: its content, mode (with setuid bits, if any) and owner. */
    public record File(byte[] content, int mode, int uid, int gid) {
    }

    private DockerArchive() {
    }

    /**
     * Writes a docker-archive of one image: manifest.json, the config, one tar per layer.
     *
     * @param tag    its reference, e.g. {@code deep:latest}
     * @param config the image config's {@code config} object as JSON, e.g. {@code {"Cmd":["/bin/sh"]}}
     * @param layers the layers' tars, bottom first
     */
    public static void write(Path archive, String tag, String config, List<byte[]> layers) throws IOException {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder layerNames = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            String sep = i == 0 ? "" : ",";
            diffIds.append(sep).append("\"sha256:").append(sha256(layers.get(i))).append('"');
            layerNames.append(sep).append("\"l").append(i).append("/layer.tar\"");
        }
        byte[] image = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + config + ","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
        String configName = sha256(image) + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":["
                + layerNames + "]}]").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            put(tar, "manifest.json", manifest);
            put(tar, configName, image);
            for (int i = 0; i < layers.size(); i++) {
                put(tar, "l" + i + "/layer.tar", layers.get(i));
            }
        }
    }

    /** A layer of regular files (no directories: their parents must exist below it). */
    public static byte[] layer(Map<String, File> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().content().length);
                e.setMode(0100000 | f.getValue().mode());
                e.setIds(f.getValue().uid(), f.getValue().gid());
                tar.putArchiveEntry(e);
                tar.write(f.getValue().content());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
