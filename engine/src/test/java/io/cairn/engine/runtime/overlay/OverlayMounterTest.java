package io.cairn.engine.runtime.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.runtime.RootfsMount;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real overlay mounts (runs as root, as CI does). Every mount made is undone in {@link #unmountAll}. */
class OverlayMounterTest {
    @TempDir
    Path dir;

    @AfterEach
    void unmountAll() throws IOException {
        OverlayMounter m = new OverlayMounter();
        for (Path p : MountTable.under(dir)) {
            m.unmount(p);
        }
        assertEquals(List.of(), MountTable.under(dir), "mounts left under " + dir);
    }

    @Test
    void mountsLowersTopFirstAndWritesGoToTheUpperDirectory() throws IOException {
        Path top = Files.createDirectories(dir.resolve("top"));
        Path bottom = Files.createDirectories(dir.resolve("bottom"));
        Files.writeString(top.resolve("shadowed"), "top");
        Files.writeString(bottom.resolve("shadowed"), "bottom");
        Files.writeString(bottom.resolve("only-bottom"), "b");
        RootfsMount m = new RootfsMount(List.of(top, bottom), dir.resolve("upper"), dir.resolve("work"),
                dir.resolve("merged"));
        OverlayMounter mounter = new OverlayMounter();
        mounter.mount(m);

        Path merged = dir.resolve("merged");
        assertTrue(MountTable.isMountPoint(merged));
        MountTable.Entry e = MountTable.read().stream().filter(x -> x.mountPoint().equals(merged)).findFirst().orElseThrow();
        assertEquals("overlay", e.fsType());
        assertEquals("top", Files.readString(merged.resolve("shadowed")));
        assertEquals("b", Files.readString(merged.resolve("only-bottom")));

        Files.writeString(merged.resolve("new"), "n");
        Files.delete(merged.resolve("only-bottom"));
        assertEquals("n", Files.readString(dir.resolve("upper/new")));
        assertTrue(Files.exists(bottom.resolve("only-bottom")), "lower layers stay untouched");
        assertFalse(Files.exists(top.resolve("new")));

        mounter.mount(m); // idempotent: no second mount stacked on the first
        assertEquals(1, MountTable.read().stream().filter(x -> x.mountPoint().equals(merged)).count());

        mounter.unmount(merged);
        assertFalse(MountTable.isMountPoint(merged));
        mounter.unmount(merged); // idempotent
        assertFalse(Files.exists(merged.resolve("new")));
    }

    /**
     * The kernel lists these options in mountinfo only when they differ from the module's defaults
     * (off on this host), so the test checks their effects: with redirect_dir=off a lower directory
     * cannot be renamed (EXDEV, and the upper directory stays a plain diff), and with metacopy=off a
     * chmod copies the whole file up, with no metacopy xattr.
     */
    @Test
    void everyStrategyTurnsOffRedirectDirAndMetacopy() throws IOException {
        for (OverlayMounter.Strategy s : List.of(OverlayMounter.Strategy.NEW_API, OverlayMounter.Strategy.MOUNT_DATA,
                OverlayMounter.Strategy.HELPER)) {
            Path base = Files.createDirectories(dir.resolve(s.name()));
            Path lower = Files.createDirectories(base.resolve("l"));
            Files.createDirectories(lower.resolve("d"));
            Files.writeString(lower.resolve("file"), "content");
            RootfsMount m = new RootfsMount(List.of(lower), base.resolve("u"), base.resolve("w"), base.resolve("m"));
            new OverlayMounter(s).mount(m);
            Path merged = base.resolve("m");

            assertThrows(AtomicMoveNotSupportedException.class,
                    () -> Files.move(merged.resolve("d"), merged.resolve("d2"), StandardCopyOption.ATOMIC_MOVE), s.name());
            Files.setPosixFilePermissions(merged.resolve("file"), PosixFilePermissions.fromString("rw-------"));
            Path copied = base.resolve("u/file");
            assertEquals("content", Files.readString(copied), s.name());
            assertTrue(Posix.getXattr(copied, "trusted.overlay.metacopy").isEmpty(), s.name());
            assertTrue(Posix.getXattr(copied, "trusted.overlay.redirect").isEmpty(), s.name());
            new OverlayMounter().unmount(merged);
        }
    }

    @Test
    void twoHundredLayersWithLongPathsMountThroughTheNewApiAndShowTheBottomLayer() throws IOException {
        List<Path> lowers = deepLayers(dir.resolve("layers"), 200);
        int classic = OverlayMounter.optionString(new RootfsMount(lowers, dir.resolve("u"), dir.resolve("w"),
                dir.resolve("m")), null).length();
        assertTrue(classic > 4 * OverlayMounter.PAGE, "the test must exceed mount(2)'s page: " + classic);

        RootfsMount m = new RootfsMount(lowers, dir.resolve("u"), dir.resolve("w"), dir.resolve("m"));
        new OverlayMounter().mount(m);
        assertEquals("bottom", Files.readString(dir.resolve("m/from-layer-0")));
        assertEquals("199", Files.readString(dir.resolve("m/shadowed")), "the first lower directory is the top layer");
        assertEquals(200, countLayerFiles(dir.resolve("m")));
    }

    @Test
    void theHelperMountsDeepLayersThroughShortRelativeNames() throws IOException {
        // 120 layers l/000…l/119 under a 1 KiB-deep parent: 130 KiB of absolute names, ~1 KiB relative.
        Path base = dir;
        for (int i = 0; i < 20; i++) {
            base = base.resolve("deep-" + "y".repeat(45));
        }
        List<Path> lowers = new ArrayList<>();
        for (int i = 119; i >= 0; i--) {
            Path layer = Files.createDirectories(base.resolve(String.format("l/%03d", i)));
            Files.writeString(layer.resolve("from-layer-" + i), i == 0 ? "bottom" : "layer " + i);
            lowers.add(layer);
        }
        RootfsMount m = new RootfsMount(lowers, base.resolve("u"), base.resolve("w"), dir.resolve("m"));
        assertTrue(OverlayMounter.optionString(m, null).length() > 100 * OverlayMounter.PAGE / 4);
        IOException tooLong = assertThrows(IOException.class,
                () -> new OverlayMounter(OverlayMounter.Strategy.MOUNT_DATA).mount(m));
        assertTrue(tooLong.getMessage().contains("120 lower directories"), tooLong.getMessage());
        assertFalse(MountTable.isMountPoint(dir.resolve("m")));

        new OverlayMounter(OverlayMounter.Strategy.HELPER).mount(m);
        assertEquals("bottom", Files.readString(dir.resolve("m/from-layer-0")));
        assertEquals(120, countLayerFiles(dir.resolve("m")));
        Files.writeString(dir.resolve("m/written"), "w");
        assertEquals("w", Files.readString(base.resolve("u/written")));
    }

    @Test
    void aMissingLowerDirectoryFailsNamingItAndMountsNothing() throws IOException {
        Path missing = dir.resolve("no-such-layer");
        RootfsMount m = new RootfsMount(List.of(missing), dir.resolve("u"), dir.resolve("w"), dir.resolve("m"));
        IOException e = assertThrows(IOException.class, () -> new OverlayMounter().mount(m));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(MountTable.isMountPoint(dir.resolve("m")));
    }

    @Test
    void pathsWithSeparatorsMountThroughEveryStrategy() throws IOException {
        for (OverlayMounter.Strategy s : List.of(OverlayMounter.Strategy.NEW_API, OverlayMounter.Strategy.MOUNT_DATA)) {
            Path base = Files.createDirectories(dir.resolve(s.name() + " a:b,c"));
            Path lower = Files.createDirectories(base.resolve("low:er,1"));
            Files.writeString(lower.resolve("f"), s.name());
            RootfsMount m = new RootfsMount(List.of(lower), base.resolve("u"), base.resolve("w"), base.resolve("m"));
            new OverlayMounter(s).mount(m);
            assertEquals(s.name(), Files.readString(base.resolve("m/f")));
            new OverlayMounter().unmount(base.resolve("m"));
            assertFalse(MountTable.isMountPoint(base.resolve("m")), s.name());
        }
    }

    /** {@code n} layers under long directory names; layer i holds from-layer-i, and all hold "shadowed". */
    static List<Path> deepLayers(Path base, int n) throws IOException {
        List<Path> topFirst = new ArrayList<>();
        String longName = "x".repeat(40);
        for (int i = n - 1; i >= 0; i--) {
            Path layer = Files.createDirectories(base.resolve(String.format("%s-%03d/%s/diff", longName, i, longName)));
            Files.writeString(layer.resolve("from-layer-" + i), i == 0 ? "bottom" : "layer " + i);
            Files.writeString(layer.resolve("shadowed"), Integer.toString(i));
            topFirst.add(layer);
        }
        return topFirst;
    }

    private static long countLayerFiles(Path merged) throws IOException {
        try (var s = Files.list(merged)) {
            return s.filter(p -> p.getFileName().toString().startsWith("from-layer-")).count();
        }
    }

    private static String superOptions(Path mountPoint) throws IOException {
        String want = mountPoint.toAbsolutePath().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (MountTable.unescape(f[4]).equals(want)) {
                return line.substring(line.indexOf(" - ") + 3);
            }
        }
        throw new AssertionError("not mounted: " + want);
    }
}
