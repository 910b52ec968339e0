package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarReader;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attributes survive tar → directory → tar; whiteouts convert both ways. Runs as root. */
class LayerRoundTripTest {
    /** A v2 file capability (cap_net_raw permitted), binary with NULs and high bytes. */
    private static final byte[] CAP_NET_RAW = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String LONG = "long-" + "n".repeat(120) + "/" + "c".repeat(200);

    @TempDir
    Path tmp;
    Path src;

    @BeforeEach
    void buildTree() throws IOException {
        src = Files.createDirectory(tmp.resolve("src"));
        dir("etc", 0755, 0, 0);
        file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0);
        dir("bin", 0755, 0, 0);
        file("bin/busybox", "#!binary", 0755, 0, 0);
        file("bin/su", "su", 04755, 0, 0);
        file("bin/wall", "wall", 02755, 0, 5);
        Files.createLink(src.resolve("bin/busybox-hardlink"), src.resolve("bin/busybox"));
        symlink("bin/sh", "busybox", 0, 0);
        symlink("lib64", "/usr/lib", 1, 1);
        dir("tmp", 01777, 0, 0);
        dir("home", 0750, 1234, 5678);
        Path secret = file("home/secret", "s3cret", 0600, 1234, 5678);
        Posix.setXattr(secret, "user.comment", "hi".getBytes(StandardCharsets.UTF_8));
        Posix.setXattr(secret, "trusted.bin", new byte[] {0, (byte) 0xff, 0, (byte) 0x80});
        Posix.setXattr(src.resolve("bin/su"), "security.capability", CAP_NET_RAW);
        Files.createDirectories(src.resolve(LONG).getParent());
        file(LONG, "long", 0644, 0, 0);
        file("ünïcödé ñame", "utf8", 0644, 0, 0);
        dir("empty", 0700, 0, 0);
        // overlay upperdir idioms
        Posix.mknodChar(src.resolve("gone"), 0, 0, 0);
        dir("opaque", 0755, 0, 0);
        Posix.setXattr(src.resolve("opaque"), TarExtractor.OPAQUE_XATTR, new byte[] {'y'});
        file("opaque/kept", "k", 0644, 0, 0);
        Posix.mknodChar(src.resolve("opaque/hidden"), 0, 0, 0);
        // whole-second mtimes, directories last (filling them changes theirs)
        long t = 1_600_000_000L;
        try (var s = Files.walk(src)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Posix.setTimes(p, t++, 0);
            }
        }
    }

    private Path dir(String name, int mode, int uid, int gid) throws IOException {
        Path p = Files.createDirectory(src.resolve(name));
        Posix.lchown(p, uid, gid);
        Posix.chmod(p, mode);
        return p;
    }

    private Path file(String name, String content, int mode, int uid, int gid) throws IOException {
        Path p = Files.writeString(src.resolve(name), content);
        Posix.lchown(p, uid, gid);
        Posix.chmod(p, mode);
        return p;
    }

    private void symlink(String name, String target, int uid, int gid) throws IOException {
        Path p = Files.createSymbolicLink(src.resolve(name), Path.of(target));
        Posix.lchown(p, uid, gid);
    }

    private static byte[] pack(Path dir, PackOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackResult r = LayerPacker.pack(dir, out, options);
        assertEquals(Digest.sha256(out.toByteArray()), r.diffId(), "diffID is the digest of the bytes written");
        assertEquals(out.size(), r.size());
        return out.toByteArray();
    }

    private static List<TarEntry> entries(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> out = new ArrayList<>();
        TarEntry e;
        while ((e = r.next()) != null) {
            out.add(e);
        }
        return out;
    }

    @Test
    void packUnpackPackPreservesEveryAttributeAndTheDiffId() throws IOException {
        byte[] tar1 = pack(src, PackOptions.defaults());
        Path dst = tmp.resolve("dst");
        UnpackResult r = LayerUnpacker.unpack(new ByteArrayInputStream(tar1), dst, Optional.empty());
        assertEquals(Compression.NONE, r.compression());
        assertEquals(Digest.sha256(tar1), r.diffId());
        assertEquals(r.diffId(), r.blobDigest());
        assertEquals(tar1.length, r.diffSize());

        assertEquals(new String(TreeManifest.of(src).bytes(), StandardCharsets.UTF_8),
                new String(TreeManifest.of(dst).bytes(), StandardCharsets.UTF_8));
        Trees.mtimes(src).forEach((path, time) -> {
            if (!path.equals(".")) {
                try {
                    assertEquals(time, Trees.mtimes(dst).get(path), "mtime of " + path);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }
        });
        Stat a = Posix.lstat(dst.resolve("bin/busybox"));
        Stat b = Posix.lstat(dst.resolve("bin/busybox-hardlink"));
        assertEquals(a.ino(), b.ino(), "hard link preserved");
        assertEquals(2, a.nlink());
        assertEquals(04755, Posix.lstat(dst.resolve("bin/su")).permissions());
        assertArrayEquals(CAP_NET_RAW, Posix.getXattr(dst.resolve("bin/su"), "security.capability").orElseThrow());
        assertEquals(1, Posix.lstat(dst.resolve("lib64")).uid());

        byte[] tar2 = pack(dst, PackOptions.defaults());
        assertArrayEquals(tar1, tar2, "tar -> unpack -> pack gives the same bytes, hence the same diffID");
    }

    @Test
    void whiteoutsBecomeTarWhiteoutsAndBack() throws IOException {
        byte[] tar = pack(src, PackOptions.defaults());
        List<String> names = entries(tar).stream().map(TarEntry::name).toList();
        assertTrue(names.contains(".wh.gone"), names.toString());
        assertTrue(names.contains("opaque/.wh.hidden"), names.toString());
        int opaqueDir = names.indexOf("opaque/");
        assertEquals("opaque/.wh..wh..opq", names.get(opaqueDir + 1), "the opaque marker follows its directory");
        TarEntry wh = entries(tar).stream().filter(e -> e.name().equals(".wh.gone")).findFirst().orElseThrow();
        assertEquals(TarType.REGULAR, wh.type());
        assertEquals(0600, wh.mode());
        TarEntry opaque = entries(tar).get(opaqueDir);
        assertTrue(opaque.xattrs().isEmpty(), "trusted.overlay.* never goes into a tar");
        assertEquals(names.stream().sorted().toList().size(), names.size());

        Path dst = tmp.resolve("dst");
        LayerUnpacker.unpack(new ByteArrayInputStream(tar), dst, Optional.empty());
        assertTrue(Posix.lstat(dst.resolve("gone")).isWhiteout());
        assertTrue(Posix.lstat(dst.resolve("opaque/hidden")).isWhiteout());
        assertArrayEquals(new byte[] {'y'}, Posix.getXattr(dst.resolve("opaque"), TarExtractor.OPAQUE_XATTR)
                .orElseThrow());
        assertTrue(Posix.getXattr(dst.resolve("home"), TarExtractor.OPAQUE_XATTR).isEmpty());
    }

    @Test
    void entriesAreSortedDepthFirstByName() throws IOException {
        List<String> names = entries(pack(src, PackOptions.defaults())).stream().map(TarEntry::name).toList();
        assertEquals("bin/", names.get(names.indexOf("bin/busybox") - 1));
        List<String> top = names.stream().filter(n -> n.indexOf('/') < 0 || n.indexOf('/') == n.length() - 1).toList();
        List<String> sorted = new ArrayList<>(top);
        sorted.sort(null);
        assertEquals(sorted, top);
    }

    @Test
    void gzipAndZstdBlobsGiveTheSameDiffIdAndTheirOwnBlobDigest() throws Exception {
        byte[] tar = pack(src, PackOptions.defaults());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar);
        }
        Path tarFile = Files.write(tmp.resolve("l.tar"), tar);
        Shell.run(tmp, "zstd", "-q", "-f", tarFile.toString(), "-o", tmp.resolve("l.tar.zst").toString());
        byte[] zst = Files.readAllBytes(tmp.resolve("l.tar.zst"));

        UnpackResult g = LayerUnpacker.unpack(new ByteArrayInputStream(gz.toByteArray()), tmp.resolve("g"),
                Optional.of(Digest.sha256(gz.toByteArray())));
        UnpackResult z = LayerUnpacker.unpack(new ByteArrayInputStream(zst), tmp.resolve("z"), Optional.empty());
        assertEquals(Compression.GZIP, g.compression());
        assertEquals(Compression.ZSTD, z.compression());
        assertEquals(Digest.sha256(tar), g.diffId());
        assertEquals(Digest.sha256(tar), z.diffId());
        assertEquals(Digest.sha256(zst), z.blobDigest());
        assertEquals(zst.length, z.blobSize());
        assertNotEquals(g.blobDigest(), z.blobDigest());
        assertEquals(TreeManifest.of(src), TreeManifest.of(tmp.resolve("g")));
        assertEquals(TreeManifest.of(src), TreeManifest.of(tmp.resolve("z")));
    }

    @Test
    void unpacksLikeGnuTarDoes() throws Exception {
        // GNU tar's own archive (PAX, xattrs, "./" root entry, record padding); no overlay idioms.
        Files.delete(src.resolve("gone"));
        Directories.deleteRecursively(src.resolve("opaque"));
        Path tar = tmp.resolve("gnu.tar");
        Shell.run(src, "tar", "--format=pax", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-cf",
                tar.toString(), ".");
        Path gnu = Files.createDirectory(tmp.resolve("by-gnu-tar"));
        Shell.run(gnu, "tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", tar.toString());
        Path ours = tmp.resolve("by-cairn");
        UnpackResult r = LayerUnpacker.unpack(Files.newInputStream(tar), ours, Optional.empty());
        assertEquals(Files.size(tar), r.diffSize(), "the digest covers the record padding after the end marker");
        assertEquals(new String(TreeManifest.of(gnu).bytes(), StandardCharsets.UTF_8),
                new String(TreeManifest.of(ours).bytes(), StandardCharsets.UTF_8));
        assertEquals(Trees.mtimes(gnu), Trees.mtimes(ours));
    }

    @Test
    void sourceDateEpochClampsLaterTimesOnly() throws IOException {
        Posix.setTimes(src.resolve("etc/passwd"), 500, 0);
        List<TarEntry> entries = entries(pack(src, PackOptions.defaults().withSourceDateEpoch(1_000)));
        for (TarEntry e : entries) {
            assertTrue(e.mtimeSeconds() <= 1_000, e.name());
        }
        assertEquals(500, entries.stream().filter(e -> e.name().equals("etc/passwd")).findFirst().orElseThrow()
                .mtimeSeconds());
        assertArrayEquals(pack(src, PackOptions.defaults().withSourceDateEpoch(1_000)),
                pack(src, PackOptions.defaults().withSourceDateEpoch(1_000)));
    }

    @Test
    void subSecondTimesFromPaxSurviveUnpacking() throws IOException {
        byte[] tar = new RawTar().pax("mtime=1234.25".getBytes(StandardCharsets.US_ASCII)).file("f", "x").end().bytes();
        Path dst = tmp.resolve("dst");
        LayerUnpacker.unpack(new ByteArrayInputStream(tar), dst, Optional.empty());
        Stat st = Posix.lstat(dst.resolve("f"));
        assertEquals(1234, st.mtimeSeconds());
        assertEquals(250_000_000, st.mtimeNanos());
    }

    @Test
    void laterEntriesReplaceEarlierOnesAndImplicitParentsAreCreated() throws IOException {
        byte[] tar = new RawTar().file("a/b/c", "first").dir("a/b/c").file("a/b/c/d", "x")
                .symlink("s", "a").file("s", "now a file").end().bytes();
        Path dst = tmp.resolve("dst");
        LayerUnpacker.unpack(new ByteArrayInputStream(tar), dst, Optional.empty());
        assertEquals("x", Files.readString(dst.resolve("a/b/c/d")));
        assertEquals(0755, Posix.lstat(dst.resolve("a")).permissions());
        assertTrue(Posix.lstat(dst.resolve("s")).isRegularFile());
        assertEquals("now a file", Files.readString(dst.resolve("s")));
    }

    @Test
    void packRefusesNamesThatWouldReadAsWhiteoutsAndSkipsSockets() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("odd"));
        Path fake = Files.writeString(d.resolve(".wh.real-file"), "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> pack(d, PackOptions.defaults()));
        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
        Files.delete(fake);

        Files.writeString(d.resolve("f"), "x");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(d.resolve("sock")));
            assertEquals(List.of("f"), entries(pack(d, PackOptions.defaults())).stream().map(TarEntry::name).toList());
        }
    }

    @Test
    void whiteoutsSharingAnInodeStayWhiteouts() throws IOException {
        // overlayfs may hard-link whiteouts to one shared inode; each must still become a .wh. entry
        Path d = Files.createDirectory(tmp.resolve("upper"));
        Posix.mknodChar(d.resolve("a"), 0, 0, 0);
        Files.createLink(d.resolve("b"), d.resolve("a"));
        List<TarEntry> entries = entries(pack(d, PackOptions.defaults()));
        assertEquals(List.of(".wh.a", ".wh.b"), entries.stream().map(TarEntry::name).toList());
        assertTrue(entries.stream().allMatch(x -> x.type() == TarType.REGULAR));
    }
}
