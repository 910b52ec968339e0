package io.cairn.it.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Layer tars and image archives that a safe extractor must refuse, each aimed at a canary directory
 * outside the Cairn root: path traversal, absolute names, symlinks and hard links that escape (and
 * writes through them), symlink chains, hard links to symlinks, device nodes in an image archive, overlong GNU and PAX headers, truncated or
 * checksum-corrupt gzip, and digests that do not match. Written with commons-compress, which
 * writes what it is given ({@code preserveAbsolutePath}, raw link names, device numbers), except
 * the overlong headers, which {@link RawTar} writes (commons-compress takes quadratic time to encode
 * a name of a megabyte).
 */
final class HostileCorpus {

    /** How a case reaches Cairn. */
    enum Via {
        /** As the rootfs tarball of {@code cairn import}. */
        IMPORT,
        /** As the only layer of a docker-archive given to {@code cairn load}. */
        LOAD_LAYER,
        /** As a whole archive given to {@code cairn load}. */
        LOAD_ARCHIVE
    }

    /**
     * One hostile input.
     *
     * @param name      what it tries, for the test's display name
     * @param via       how it is fed to Cairn
     * @param bytes     the layer tar (IMPORT, LOAD_LAYER) or the whole archive (LOAD_ARCHIVE)
     * @param diffId    for LOAD_LAYER, the diffID the archive's config declares
     * @param mentions  what the error must name: the entry, the digest or the limit at fault
     */
    record Case(String name, Via via, byte[] bytes, String diffId, List<String> mentions) {
        @Override
        public String toString() {
            return via.name().toLowerCase(java.util.Locale.ROOT) + ": " + name;
        }
    }

    static final int OVERLONG = (1 << 20) + 4096;

    private final String canary;
    private final String up;

    /** A corpus aimed at {@code canary}, an absolute directory holding a regular file {@code file}. */
    HostileCorpus(Path canary) {
        this.canary = canary.toString();
        this.up = "../".repeat(24) + this.canary.substring(1);
    }

    /** The layer cases, each given both to {@code import} and, inside a docker-archive, to {@code load}. */
    List<Case> layers() throws IOException {
        List<Case> cases = new ArrayList<>();
        layer(cases, "path traversal with ..", tar(t -> {
            file(t, "etc/ok", "fine\n");
            file(t, up + "/pwned", "pwned\n");
        }), up + "/pwned");
        layer(cases, "absolute path", tar(t -> file(t, canary + "/pwned", "pwned\n")), canary + "/pwned");
        layer(cases, "symlink escaping with .., then a file through it", tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "etc/escape-rel", up);
            file(t, "etc/escape-rel/pwned", "pwned\n");
        }), "etc/escape-rel");
        layer(cases, "absolute symlink, then a file through it", tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "etc/escape-abs", canary);
            file(t, "etc/escape-abs/pwned", "pwned\n");
        }), "etc/escape-abs/pwned");
        layer(cases, "symlinked directory escaping, then a directory and file through it", tar(t -> {
            dir(t, "var/");
            link(t, TarConstants.LF_SYMLINK, "var/lib", "../".repeat(24) + "tmp");
            dir(t, "var/lib/pwned-dir/");
        }), "var/lib");
        layer(cases, "hard link escaping with .., then a write through it", tar(t -> {
            link(t, TarConstants.LF_LINK, "usr/hardlink-rel", up + "/file");
            file(t, "usr/hardlink-rel", "pwned\n");
        }), "usr/hardlink-rel");
        layer(cases, "hard link to an absolute path, then a write through it", tar(t -> {
            link(t, TarConstants.LF_LINK, "usr/hardlink-abs", canary + "/file");
            file(t, "usr/hardlink-abs", "pwned\n");
        }), "usr/hardlink-abs");
        layer(cases, "hard link through an absolute symlink to /", tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "hostroot", "/");
            link(t, TarConstants.LF_LINK, "usr/hardlink-via", "hostroot" + canary + "/file");
            file(t, "usr/hardlink-via", "pwned\n");
        }), "usr/hardlink-via");
        // device nodes and fifos are layer content now (issue 10 A16): DeviceNodeIT shows they reach no host device
        layer(cases, "symlink chain climbing out although each link reads as inside", tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "a", ".");
            link(t, TarConstants.LF_SYMLINK, "b", "a/a/../..");
        }), "b");
        layer(cases, "hard link to a symlink", tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "s", canary + "/file");
            link(t, TarConstants.LF_LINK, "h", "s");
        }), "h");
        layer(cases, "overlong GNU long name", RawTar.overlongGnuName(OVERLONG), "exceeds the limit");
        layer(cases, "overlong PAX header", RawTar.overlongPax(OVERLONG), "exceeds the limit");
        byte[] payload = tar(t -> file(t, "bin/payload", random(512 * 1024)));
        // a stream error names the entry being read when it broke, as the layer unpacker does
        for (Via via : List.of(Via.IMPORT, Via.LOAD_LAYER)) {
            byte[] plain = via == Via.IMPORT ? payload : forLoad(payload);
            byte[] gzip = gzip(plain);
            String diffId = via == Via.IMPORT ? null : Fixtures.sha256(plain);
            cases.add(new Case("truncated gzip", via, Arrays.copyOf(gzip, gzip.length / 2), diffId,
                    List.of("bin/payload")));
            byte[] badCrc = gzip.clone();
            badCrc[badCrc.length - 8] ^= (byte) 0xff; // CRC32 of the trailer
            cases.add(new Case("gzip with a wrong CRC32", via, badCrc, diffId, List.of("bin/payload")));
        }
        return cases;
    }

    /** Whole archives given to {@code cairn load}: the archive itself hostile, or digests that lie. */
    List<Case> archives() throws IOException {
        List<Case> cases = new ArrayList<>();
        // each case its own layer bytes, so that a blob one case leaves behind cannot hide another's
        byte[] layer = tar(t -> file(t, "etc/motd", "diffID mismatch\n"));
        byte[] blobLayer = tar(t -> file(t, "etc/motd", "blob digest mismatch\n"));
        byte[] deviceLayer = tar(t -> file(t, "etc/motd", "device beside\n"));
        String otherDiffId = Fixtures.sha256("not this layer".getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("layer diffID mismatch", Via.LOAD_ARCHIVE,
                dockerArchive("hostile:diffid", Map.of("layer/layer.tar", layer), List.of("layer/layer.tar"), otherDiffId),
                null, List.of(otherDiffId)));
        String lie = "blobs/sha256/" + otherDiffId.substring("sha256:".length());
        cases.add(new Case("layer blob digest mismatch", Via.LOAD_ARCHIVE,
                dockerArchive("hostile:blob", Map.of(lie, blobLayer), List.of(lie), Fixtures.sha256(blobLayer)),
                null, List.of(otherDiffId)));
        cases.add(new Case("archive entry with ..", Via.LOAD_ARCHIVE, tar(t -> {
            file(t, "manifest.json", "[]");
            file(t, up + "/pwned", "pwned\n");
        }), null, List.of(up + "/pwned")));
        cases.add(new Case("archive symlink escaping, then a file through it", Via.LOAD_ARCHIVE, tar(t -> {
            link(t, TarConstants.LF_SYMLINK, "blobs", up);
            file(t, "blobs/pwned", "pwned\n");
        }), null, List.of("blobs")));
        cases.add(new Case("archive hard link to a file outside", Via.LOAD_ARCHIVE, tar(t -> {
            link(t, TarConstants.LF_LINK, "manifest.json", canary + "/file");
            file(t, "manifest.json", "[]");
        }), null, List.of("manifest.json")));
        // a valid image plus a device node: the device is what must be refused
        Map<String, byte[]> withDevice = dockerArchiveFiles("hostile:device",
                Map.of("layer/layer.tar", deviceLayer), List.of("layer/layer.tar"), Fixtures.sha256(deviceLayer));
        cases.add(new Case("archive character device beside a valid image", Via.LOAD_ARCHIVE, tar(t -> {
            for (Map.Entry<String, byte[]> f : withDevice.entrySet()) {
                file(t, f.getKey(), f.getValue());
            }
            device(t, TarConstants.LF_CHR, "dev-mem-node", 1, 1);
        }), null, List.of("dev-mem-node")));
        return cases;
    }

    private static void layer(List<Case> cases, String name, byte[] tar, String mention) {
        cases.add(new Case(name, Via.IMPORT, tar, null, List.of(mention)));
        byte[] other = forLoad(tar);
        cases.add(new Case(name, Via.LOAD_LAYER, other, Fixtures.sha256(other), List.of(mention)));
    }

    /**
     * The same tar with a directory entry in front: the load case then stores other bytes than the
     * import case, so a blob one of them leaves behind cannot hide one the other leaves.
     */
    private static byte[] forLoad(byte[] tar) {
        byte[] header = RawTar.header("load-layer/", '5', 0);
        byte[] out = Arrays.copyOf(header, header.length + tar.length);
        System.arraycopy(tar, 0, out, header.length, tar.length);
        return out;
    }

    /**
     * A docker-archive (legacy layout) of one image: {@code manifest.json}, the config as
     * {@code <hex>.json} declaring {@code diffId}, and the given files.
     */
    static byte[] dockerArchive(String tag, Map<String, byte[]> files, List<String> layers, String diffId)
            throws IOException {
        return Archives.tar(dockerArchiveFiles(tag, files, layers, diffId));
    }

    /** The files of {@link #dockerArchive(String, Map, List, String)}, by name, in archive order. */
    static Map<String, byte[]> dockerArchiveFiles(String tag, Map<String, byte[]> files, List<String> layers,
                                                  String diffId) {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configName = Fixtures.sha256(configBytes).substring("sha256:".length()) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\""
                + String.join("\",\"", layers) + "\"]}]";
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(configName, configBytes);
        all.putAll(files);
        all.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        return all;
    }

    /** A docker-archive holding {@code layer} (as given: plain, gzip or broken) with a truthful-looking config. */
    static byte[] dockerArchive(Case layerCase) throws IOException {
        String tag = "hostile:" + Integer.toHexString(layerCase.name().hashCode());
        return dockerArchive(tag, Map.of("layer/layer.tar", layerCase.bytes()), List.of("layer/layer.tar"),
                layerCase.diffId());
    }

    private interface TarBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        file(tar, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(0100644);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, byte type, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void device(TarArchiveOutputStream tar, byte type, String name, int major, int minor)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }
}
