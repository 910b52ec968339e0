package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus: each archive is refused with an error naming the entry at fault, nothing
 * outside the target changes, and no partial layer remains — through the unpacker and the store.
 */
class HostileLayerTest {

    /**
     * @param tar      builds the archive, given the absolute path of a directory outside the target
     * @param entry    the entry the error must name (null: the error is about the whole blob)
     * @param message  a fragment the message must contain
     * @param expected the blob digest announced to the unpacker, if any
     */
    record Case(String name, Function<String, byte[]> tar, String entry, String message, Optional<Digest> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case refuse(String name, Function<String, RawTar> tar, String entry, String message) {
        // a harmless entry first, so that there is a partial layer to clean up
        return new Case(name, outside -> tar.apply(outside).end().bytes(), entry, message, Optional.empty());
    }

    private static RawTar ok() {
        return new RawTar().dir("usr").file("usr/ok", "fine");
    }

    static Stream<Case> corpus() {
        byte[] big = new byte[256 * 1024];
        new Random(42).nextBytes(big);
        byte[] validTar = new RawTar().file("ok", "fine").entry("big", '0', 0644, "", big).end().bytes();
        return Stream.of(
                refuse("dot-dot", o -> ok().file("../outside/evil", "x"), "../outside/evil", "'..' component"),
                refuse("dot-dot-inside", o -> ok().file("usr/../../outside/evil", "x"), "usr/../../outside/evil",
                        "'..' component"),
                refuse("absolute-name", o -> ok().file(o + "/evil", "x"), null, "is absolute"),
                refuse("symlink-escaping", o -> ok().symlink("esc", "../outside"), "esc", "escapes the layer"),
                refuse("symlink-escaping-deep", o -> ok().symlink("usr/a/esc", "../../../outside/file"),
                        "usr/a/esc", "escapes the layer"),
                refuse("write-through-symlink", o -> ok().symlink("link", o).file("link/file", "pwned"),
                        "link/file", "climbs through the symlink 'link'"),
                refuse("write-through-symlink-to-root", o -> ok().symlink("r", "/").file("r" + o + "/evil", "x"),
                        null, "climbs through the symlink 'r'"),
                refuse("directory-through-symlink", o -> ok().symlink("link", o).dir("link/sub"), "link/sub",
                        "climbs through the symlink 'link'"),
                refuse("hardlink-dot-dot", o -> ok().hardlink("hl", "../outside/file"), "hl", "'..' component"),
                refuse("hardlink-absolute", o -> ok().hardlink("hl", o + "/file"), "hl", "is absolute"),
                refuse("hardlink-through-symlink", o -> ok().symlink("s", o).hardlink("hl", "s/file"), "hl",
                        "climbs through the symlink 's'"),
                refuse("hardlink-to-directory", o -> ok().hardlink("hl", "usr"), "hl", "hard link to a directory"),
                refuse("hardlink-to-nothing", o -> ok().hardlink("hl", "missing"), "hl", "does not exist"),
                refuse("hardlink-to-symlink", o -> ok().symlink("s", "usr/ok").hardlink("hl", "s"), "hl",
                        "hard link to a symlink"),
                refuse("symlink-chain-escaping", o -> ok().symlink("a", ".").symlink("b", "a/a/../.."), "b",
                        "resolved through the links"),
                refuse("symlink-chain-escaping-reversed", o -> ok().symlink("b", "a/a/../..").symlink("a", "."), "b",
                        "resolved through the links"),
                refuse("symlink-through-absolute-link", o -> ok().symlink("r", "/").dir("usr/d")
                        .symlink("usr/d/l", "../../r/.."), "usr/d/l", "resolved through the links"),
                refuse("global-pax-flood", o -> {
                    byte[] pad = new byte[1000];
                    Arrays.fill(pad, (byte) 'a');
                    return ok().globalPax(("k" + "=" + new String(pad, StandardCharsets.US_ASCII)).getBytes(
                            StandardCharsets.US_ASCII), 1100);
                }, null, "global PAX headers exceed"),
                refuse("symlink-loop", o -> ok().symlink("a", "b").symlink("b", "a").file("a/x", "x"), "a/x",
                        "climbs through the symlink 'a'"),
                refuse("whiteout-of-dot-dot", o -> ok().file("usr/.wh...", ""), "usr/.wh...",
                        "whiteout of an invalid name"),
                refuse("overlong-gnu-long-name", o -> ok().header("././@LongLink", 'L', 1L << 30, new byte[0]),
                        null, "GNU long name of 1073741824 bytes exceeds"),
                refuse("overlong-pax-header", o -> ok().header("PaxHeaders/x", 'x', 8L << 20, new byte[0]), null,
                        "PAX header of 8388608 bytes exceeds"),
                refuse("name-longer-than-path-max", o -> ok().pax(("path=" + "d/".repeat(2100)).getBytes(
                        StandardCharsets.US_ASCII)).file("short", "x"), null, "longer than 4095 bytes"),
                new Case("truncated-tar", o -> Arrays.copyOf(validTar, 100_000), "big",
                        "truncated inside the entry's data", Optional.empty()),
                new Case("truncated-gzip", o -> {
                    byte[] gz = gzip(validTar);
                    return Arrays.copyOf(gz, gz.length / 2);
                }, "big", "gzip stream is corrupt or truncated", Optional.empty()),
                new Case("digest-mismatch", o -> validTar, null, "blob digest mismatch: expected "
                        + Digest.sha256("something else"), Optional.of(Digest.sha256("something else"))));
    }

    private static byte[] gzip(byte[] data) {
        return HostileTars.gzip(data);
    }

    private static Path outside(Path sandbox) throws IOException {
        Path outside = Files.createDirectory(sandbox.resolve("outside"));
        Files.writeString(outside.resolve("file"), "original");
        return outside;
    }

    /**
     * Every entry of the sandbox with its type, mode, owner, xattrs and content, plus every mtime
     * under {@code outside}. (The sandbox's own mtime changes when the target is made and removed.)
     */
    private static String state(Path sandbox, Path outside) throws IOException {
        return TreeManifest.of(sandbox) + "\n" + Trees.mtimes(outside);
    }

    private static void assertRefused(Case c, InvalidLayerException e) {
        assertTrue(e.getMessage().contains(c.message()), c.name() + ": " + e.getMessage());
        if (c.entry() != null) {
            assertEquals(Optional.of(c.entry()), e.entry(), c.name() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(c.entry()), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void unpackerRefusesAndLeavesNothing(Case c, @TempDir Path sandbox) throws IOException {
        Path outside = outside(sandbox);
        byte[] tar = c.tar().apply(outside.toString());
        String before = state(sandbox, outside);
        Path target = sandbox.resolve("layer");

        InvalidLayerException e = assertThrows(InvalidLayerException.class,
                () -> LayerUnpacker.unpack(new ByteArrayInputStream(tar), target, c.expected()));

        assertRefused(c, e);
        assertFalse(Files.exists(target), "the partial layer is removed");
        assertEquals(before, state(sandbox, outside), "nothing outside the target changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void storeRefusesAndLeavesNothing(Case c, @TempDir Path sandbox) throws IOException {
        Path outside = outside(sandbox);
        byte[] tar = c.tar().apply(outside.toString());
        LocalLayerStore store = new LocalLayerStore(sandbox.resolve("layers"), sandbox.resolve("tmp"));
        String before = state(sandbox, outside);

        LayerSpec spec = c.expected().map(d -> LayerSpec.base().withBlobDigest(d)).orElse(LayerSpec.base());
        InvalidLayerException e = assertThrows(InvalidLayerException.class,
                () -> store.register(new ByteArrayInputStream(tar), spec));

        assertRefused(c, e);
        assertEquals(List.of(), store.list());
        assertEquals(before, state(sandbox, outside), "no layer, no staging left, nothing outside changed");
    }

    /**
     * Issue 10 A16: device nodes and fifos are legitimate rootfs content (debootstrap's /dev, RUN
     * mkfifo); refusing them is not hardening. They are made as recorded; what keeps them from
     * reaching a host device is the closed root, nodev host mounts and the device cgroup.
     */
    @org.junit.jupiter.api.Test
    void devicesAndFifosAreLayerContent(@TempDir Path sandbox) throws IOException {
        byte[] tar = ok().device("dev/full", '3', 1, 7).device("dev/sda", '4', 8, 0)
                .entry("run/fifo", '6', 0620, "", new byte[0]).end().bytes();
        Path target = sandbox.resolve("layer");
        LayerUnpacker.unpack(new ByteArrayInputStream(tar), target, Optional.empty());
        var full = io.cairn.storage.posix.Posix.lstat(target.resolve("dev/full"));
        assertEquals(io.cairn.storage.posix.Stat.S_IFCHR, full.type());
        assertEquals(io.cairn.storage.posix.DeviceNumbers.makedev(1, 7), full.rdev());
        assertEquals(0666, full.permissions());
        assertEquals(io.cairn.storage.posix.Stat.S_IFBLK, io.cairn.storage.posix.Posix.lstat(target.resolve("dev/sda")).type());
        var fifo = io.cairn.storage.posix.Posix.lstat(target.resolve("run/fifo"));
        assertEquals(io.cairn.storage.posix.Stat.S_IFIFO, fifo.type());
        assertEquals(0620, fifo.permissions());
    }
}
