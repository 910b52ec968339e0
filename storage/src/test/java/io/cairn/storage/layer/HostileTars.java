package io.cairn.storage.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile tar corpus of issue 10 (B1), in the spirit of containerd's archive breakout tests,
 * for every path that extracts a tar: layer unpacking (import, load, pull), image archives (load),
 * ADD's local archives and build-context tars. Each case is built against an {@code outside}
 * directory (absolute, holding a regular file {@code file}) that nothing may change, link into or read.
 *
 * <p>{@link Kind#REFUSED} cases must be refused by every path; {@link Kind#CONTAINED} ones may be
 * accepted (or refused, by a stricter policy) but never reach outside.
 */
public final class HostileTars {

    /** What every extraction path must do with a case. */
    public enum Kind { REFUSED, CONTAINED }

    /** One hostile tar: {@code tar} builds its bytes given the outside directory. */
    public record Case(String name, Kind kind, Function<String, byte[]> tar) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileTars() {
    }

    private static RawTar ok() {
        return new RawTar().dir("usr").file("usr/ok", "fine");
    }

    private static Case refused(String name, Function<String, RawTar> tar) {
        return new Case(name, Kind.REFUSED, o -> tar.apply(o).end().bytes());
    }

    private static Case contained(String name, Function<String, RawTar> tar) {
        return new Case(name, Kind.CONTAINED, o -> tar.apply(o).end().bytes());
    }

    private static byte[] pax(String key, String value) {
        return (key + "=" + value).getBytes(StandardCharsets.UTF_8);
    }

    /** Every case; at least forty. */
    public static List<Case> all() {
        List<Case> c = new ArrayList<>();
        // names
        c.add(refused("dot-dot", o -> ok().file("../outside/evil", "x")));
        c.add(refused("dot-dot-deep", o -> ok().file("../../../../../../../../tmp/evil", "x")));
        c.add(refused("dot-dot-inside", o -> ok().file("usr/../../outside/evil", "x")));
        c.add(refused("absolute-name", o -> ok().file(o + "/evil", "x")));
        c.add(refused("absolute-dir", o -> ok().dir(o + "/sub")));
        c.add(refused("pax-path-dot-dot", o -> ok().pax(pax("path", "../outside/evil")).file("innocent", "x")));
        c.add(refused("pax-path-absolute", o -> ok().pax(pax("path", o + "/evil")).file("innocent", "x")));
        c.add(refused("gnu-long-name-dot-dot", o -> ok().header("././@LongLink", 'L', 17,
                "../../outside/evl\0".getBytes(StandardCharsets.US_ASCII)).file("innocent", "x")));
        // symlinks, then something through them
        c.add(refused("file-through-symlink", o -> ok().symlink("link", o).file("link/file", "pwned")));
        c.add(refused("file-through-relative-symlink", o -> ok().symlink("link", "usr/../..").file("link/evil", "x")));
        c.add(refused("file-through-symlink-to-root", o -> ok().symlink("r", "/").file("r" + o + "/evil", "x")));
        c.add(refused("dir-through-symlink", o -> ok().symlink("link", o).dir("link/sub")));
        c.add(refused("file-through-symlink-chain", o -> ok().symlink("a", o).symlink("b", "a").file("b/evil", "x")));
        c.add(refused("file-through-chain-climbing", o -> ok().symlink("a", ".").symlink("b", "a/a/../..")
                .file("b/evil", "x")));
        c.add(refused("file-through-loop", o -> ok().symlink("a", "b").symlink("b", "a").file("a/x", "x")));
        c.add(refused("file-through-file", o -> ok().file("f", "x").file("f/x", "y")));
        c.add(refused("pax-linkpath-then-write", o -> ok().pax(pax("linkpath", o)).symlink("l", "innocent")
                .file("l/evil", "x")));
        // hard links
        c.add(refused("hardlink-dot-dot", o -> ok().hardlink("hl", "../outside/file")));
        c.add(refused("hardlink-dot-dot-inside", o -> ok().hardlink("hl", "usr/../../outside/file")));
        c.add(refused("hardlink-absolute", o -> ok().hardlink("hl", o + "/file")));
        c.add(refused("hardlink-through-symlink", o -> ok().symlink("s", o).hardlink("hl", "s/file")));
        c.add(refused("hardlink-through-root-symlink", o -> ok().symlink("r", "/").hardlink("hl", "r" + o + "/file")));
        c.add(refused("hardlink-to-symlink", o -> ok().symlink("s", o + "/file").hardlink("hl", "s")));
        c.add(refused("hardlink-to-directory", o -> ok().hardlink("hl", "usr")));
        c.add(refused("hardlink-to-nothing", o -> ok().hardlink("hl", "missing")));
        c.add(refused("hardlink-to-itself", o -> ok().hardlink("usr/self", "usr/self")));
        // format abuse
        c.add(refused("overlong-gnu-long-name", o -> ok().header("././@LongLink", 'L', 1L << 30, new byte[0])));
        c.add(refused("overlong-pax-header", o -> ok().header("PaxHeaders/x", 'x', 8L << 20, new byte[0])));
        c.add(refused("global-pax-flood", o -> {
            byte[] v = new byte[1000];
            Arrays.fill(v, (byte) 'a');
            return ok().globalPax(pax("comment", new String(v, StandardCharsets.US_ASCII)), 1100);
        }));
        c.add(refused("name-longer-than-path-max", o -> ok().pax(pax("path", "d/".repeat(2100))).file("short", "x")));
        c.add(refused("component-longer-than-255", o -> ok().pax(pax("path", "a".repeat(300))).file("x", "y")));
        c.add(refused("pax-size-negative", o -> ok().pax(pax("size", "-5")).file("x", "y")));
        c.add(refused("huge-size-truncated", o -> ok().header("big", '0', 8L << 30, new byte[4096])));
        c.add(refused("sparse-entry", o -> ok().header("sparse", 'S', 0, new byte[0])));
        c.add(refused("unknown-type", o -> ok().header("weird", 'Z', 0, new byte[0])));
        c.add(refused("corrupt-checksum", o -> ok().corruptChecksum().file("x", "y")));
        // accepted somewhere, but never reaching outside
        c.add(contained("symlink-escaping", o -> ok().symlink("esc", "../outside")));
        c.add(contained("symlink-escaping-deep", o -> ok().symlink("usr/a/esc", "../../../outside/file")));
        c.add(contained("symlink-absolute-to-host", o -> ok().symlink("abs", o + "/file")));
        c.add(contained("symlink-chain-climbing", o -> ok().symlink("a", ".").symlink("b", "a/a/../..")));
        c.add(contained("symlink-chain-climbing-reversed", o -> ok().symlink("b", "a/a/../..").symlink("a", ".")));
        c.add(contained("symlink-to-proc-root", o -> ok().symlink("p", "/proc/1/root" + o)));
        c.add(contained("directory-over-symlink", o -> ok().symlink("s", o).entry("s", '5', 0777, "", new byte[0])));
        c.add(contained("file-over-symlink", o -> ok().symlink("s", o + "/file").file("s", "replaced")));
        c.add(contained("symlink-over-directory", o -> ok().dir("d").file("d/f", "x").symlink("d", o)));
        c.add(contained("duplicate-file", o -> ok().file("dup", "one").file("dup", "two")));
        c.add(contained("setuid-root-file", o -> ok().entry("usr/suid", '0', 04755, "", "#!/bin/sh\n".getBytes(
                StandardCharsets.US_ASCII))));
        c.add(contained("setgid-sticky-dir", o -> ok().entry("usr/shared", '5', 03777, "", new byte[0])));
        c.add(contained("char-device-mem", o -> ok().device("dev/mem-node", '3', 1, 1)));
        c.add(contained("block-device-disk", o -> ok().device("dev/disk-node", '4', 8, 0)));
        c.add(contained("fifo", o -> ok().entry("run/fifo", '6', 0644, "", new byte[0])));
        c.add(contained("whiteout-of-dot-dot", o -> ok().file("usr/.wh...", "")));
        c.add(contained("whiteout-of-outside-name", o -> ok().file(".wh.outside", "")));
        c.add(contained("opaque-marker-at-root", o -> ok().file(".wh..wh..opq", "")));
        c.add(contained("pax-overlay-xattr", o -> ok().pax(pax("SCHILY.xattr.trusted.overlay.opaque", "y"))
                .dir("opq")));
        c.add(contained("hardlink-to-setuid-inside", o -> ok().entry("usr/s", '0', 04755, "", new byte[1])
                .hardlink("usr/s2", "usr/s")));
        c.add(contained("dot-entries", o -> ok().dir("./").dir("././usr/./")));
        return List.copyOf(c);
    }

    /** {@code tar} gzip-compressed. */
    public static byte[] gzip(byte[] tar) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(tar);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
