package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LayerPacker#packForAdoption} + {@link LayerStore#adopt}: the adopted directory must be the
 * layer that registering its tar would have made, and what the unpacker refuses stays refused.
 */
class LayerAdoptionTest {
    private static final long EPOCH = 1_000_000_000L;

    @TempDir
    Path root;
    LocalLayerStore adopting;
    LocalLayerStore unpacking;

    @BeforeEach
    void setUp() throws IOException {
        adopting = new LocalLayerStore(root.resolve("a/layers"), root.resolve("a/tmp"));
        unpacking = new LocalLayerStore(root.resolve("u/layers"), root.resolve("u/tmp"));
    }

    /** An upperdir as a RUN container leaves it: nanosecond and future mtimes, overlay xattrs, whiteouts, links. */
    private Path upper() throws IOException {
        Path up = Files.createDirectories(root.resolve("a/tmp/upper"));
        Files.createDirectories(up.resolve("data/sub"));
        Files.writeString(up.resolve("data/one"), "one\n");
        Files.writeString(up.resolve("data/sub/two"), "two\n");
        Files.createLink(up.resolve("data/hard"), up.resolve("data/one"));
        Files.createSymbolicLink(up.resolve("data/abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(up.resolve("data/sub/rel"), Path.of("../one"));
        Posix.mknodChar(up.resolve("gone"), 0644, 0, 0); // a whiteout as `mknod` would make it, not overlay
        Files.createDirectories(up.resolve("opaque"));
        Posix.setXattr(up.resolve("opaque"), "trusted.overlay.opaque", new byte[] {'y'});
        Posix.setXattr(up.resolve("data"), "trusted.overlay.impure", new byte[] {'y'});
        Posix.setXattr(up.resolve("data/one"), "trusted.overlay.origin", new byte[] {1, 2, 3});
        Posix.setXattr(up.resolve("data/sub/two"), "user.kept", new byte[] {'k'});
        Posix.setXattr(up, "trusted.overlay.impure", new byte[] {'y'});
        Posix.setTimes(up.resolve("data/one"), EPOCH - 10, 123_456_789);
        Posix.setTimes(up.resolve("data/sub/two"), EPOCH + 500, 0);
        Posix.setTimes(up.resolve("data/sub"), EPOCH + 7, 5);
        Posix.setTimes(up.resolve("data"), EPOCH - 3, 9);
        return up;
    }

    private static AdoptablePack packForAdoption(Path dir, ByteArrayOutputStream out, PackOptions options)
            throws IOException {
        return LayerPacker.packForAdoption(dir, out, options);
    }

    /** Manifest lines and every mtime except the root's (a fresh directory's, in both cases). */
    private static String view(Path layer) throws IOException {
        Map<String, String> times = new TreeMap<>(Trees.mtimes(layer));
        times.remove(".");
        return new String(TreeManifest.of(layer).bytes(), java.nio.charset.StandardCharsets.UTF_8) + times;
    }

    @Test
    void anAdoptedTreeIsTheLayerItsTarUnpacksTo() throws IOException {
        Path up = upper();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        AdoptablePack packed = packForAdoption(up, tar, PackOptions.defaults().withSourceDateEpoch(EPOCH));

        RegisteredLayer adopted = adopting.adopt(up, Optional.empty(), packed);
        RegisteredLayer unpacked = unpacking.register(new ByteArrayInputStream(tar.toByteArray()), LayerSpec.base());

        assertTrue(adopted.created());
        assertFalse(Files.exists(up), "the tree was moved into the store");
        assertEquals(unpacked.layer(), adopted.layer(), "same chainID, diffID, tree digest and tar size");
        Path a = adopting.path(adopted.layer().chainId());
        Path u = unpacking.path(unpacked.layer().chainId());
        assertEquals(view(u), view(a));
        assertEquals(Posix.lstat(u).permissions(), Posix.lstat(a).permissions(), "root mode");
        assertEquals(List.of(), Posix.listXattrs(a), "the upper root's overlay xattr is gone");
        assertEquals(Optional.empty(), Posix.getXattr(a.resolve("data/one"), "trusted.overlay.origin"));
        assertArrayEquals(new byte[] {'y'}, Posix.getXattr(a.resolve("opaque"), "trusted.overlay.opaque").orElseThrow());
        assertEquals(EPOCH, Posix.lstat(a.resolve("data/sub/two")).mtimeSeconds(), "clamped to SOURCE_DATE_EPOCH");
        assertEquals(0, Posix.lstat(a.resolve("data/one")).mtimeNanos(), "whole seconds, as the tar holds them");
        assertEquals(0, Posix.lstat(a.resolve("gone")).permissions(), "whiteouts as the unpacker makes them");

        // packing the adopted layer again gives the same tar: nothing in it moved
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(packed.tar().diffId(), LayerPacker.pack(a, again, PackOptions.defaults()).diffId());
        assertEquals(adopting.verify(adopted.layer().chainId(), adopted.layer().treeDigest()).changes(), List.of());
        assertEquals(TreeManifest.of(a), TreeManifest.parse(Files.readAllBytes(a.getParent().resolve("tree"))),
                "the manifest taken while packing is the tree's");
        try (var s = Files.list(root.resolve("a/tmp"))) {
            assertEquals(List.of(), s.toList(), "no staging left");
        }
    }

    @Test
    void packForAdoptionWritesTheSameTarAsPack() throws IOException {
        Path up = upper();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        PackResult before = LayerPacker.pack(up, plain, PackOptions.defaults().withSourceDateEpoch(EPOCH));
        ByteArrayOutputStream adopting = new ByteArrayOutputStream();
        PackResult after = packForAdoption(up, adopting, PackOptions.defaults().withSourceDateEpoch(EPOCH)).tar();
        assertEquals(before, after);
        assertArrayEquals(plain.toByteArray(), adopting.toByteArray());
    }

    @Test
    void socketsAreDeletedAsTheTarCannotHoldThem() throws IOException {
        Path up = Files.createDirectories(root.resolve("a/tmp/upper"));
        Files.createDirectories(up.resolve("run"));
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(up.resolve("run/sock")));
        }
        Posix.setTimes(up.resolve("run"), EPOCH, 0);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        AdoptablePack packed = packForAdoption(up, tar, PackOptions.defaults());
        RegisteredLayer adopted = adopting.adopt(up, Optional.empty(), packed);
        Path a = adopting.path(adopted.layer().chainId());
        assertFalse(Files.exists(a.resolve("run/sock"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(EPOCH, Posix.lstat(a.resolve("run")).mtimeSeconds(), "the directory's time survives the delete");
        assertEquals(unpacking.register(new ByteArrayInputStream(tar.toByteArray()), LayerSpec.base()).layer(),
                adopted.layer());
    }

    @Test
    void refusesWhatTheUnpackerRefusesNamingTheEntry() throws Exception {
        Path up = Files.createDirectories(root.resolve("a/tmp/upper"));
        Files.createDirectories(up.resolve("x"));
        Files.createSymbolicLink(up.resolve("x/out"), Path.of("../../etc"));
        InvalidLayerException e = assertThrows(InvalidLayerException.class,
                () -> packForAdoption(up, new ByteArrayOutputStream(), PackOptions.defaults()));
        assertEquals(Optional.of("x/out"), e.entry());
        assertTrue(e.getMessage().contains("escapes"), e.getMessage());

        // fifos and device nodes are layer content (issue 10 A16), adopted as they are
        Files.delete(up.resolve("x/out"));
        Process p = new ProcessBuilder("mkfifo", up.resolve("x/fifo").toString()).start();
        assertEquals(0, p.waitFor());
        Posix.mknodChar(up.resolve("x/null"), 0666, 1, 3);
        AdoptablePack packed = packForAdoption(up, new ByteArrayOutputStream(), PackOptions.defaults());
        assertTrue(packed.lines().containsKey("x/fifo") && packed.lines().containsKey("x/null"), packed.lines().toString());
        assertEquals(io.cairn.storage.posix.Stat.S_IFIFO, Posix.lstat(up.resolve("x/fifo")).type());
        assertEquals(0666, Posix.lstat(up.resolve("x/null")).permissions());
    }

    @Test
    void adoptingARegisteredLayerDeletesTheTreeAndReturnsTheOneThere() throws IOException {
        Path up = upper();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        AdoptablePack packed = packForAdoption(up, tar, PackOptions.defaults());
        RegisteredLayer first = adopting.register(new ByteArrayInputStream(tar.toByteArray()), LayerSpec.base());
        RegisteredLayer again = adopting.adopt(up, Optional.empty(), packed);
        assertFalse(again.created());
        assertEquals(first.layer(), again.layer());
        assertFalse(Files.exists(up));
    }

    @Test
    void aMissingParentIsNamedAndTheTreeIsLeft() throws IOException {
        Path up = upper();
        AdoptablePack packed = packForAdoption(up, new ByteArrayOutputStream(), PackOptions.defaults());
        Digest parent = Digest.sha256(new byte[] {1});
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> adopting.adopt(up, Optional.of(parent), packed));
        assertTrue(e.getMessage().contains(parent.toString()), e.getMessage());
        assertTrue(Files.isDirectory(up.resolve("data")));
        assertEquals(List.of(), adopting.list());
    }
}
