package io.cairn.engine.runtime.overlay;

import io.cairn.engine.fs.Trees;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.storage.posix.MountFlags;
import io.cairn.storage.posix.NewMountApi;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.PosixException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Mounts and unmounts overlay root filesystems.
 *
 * <p>Always with {@code redirect_dir=off,index=off,metacopy=off}, so that the upper directory alone
 * is the container's diff whatever the host's defaults, and {@link #HOST_OPTIONS}. Three ways, tried in order by
 * {@link Strategy#AUTO}: the new mount API (any number of lower directories up to the kernel's 500,
 * any path length); mount(2) with one option string, when it fits in a page; and, for kernels
 * older than 6.8 with deep images, a {@code mount(8)} helper process started in the lower
 * directories' common parent so that their names in the option string are short and relative
 * (a JVM cannot chdir; a child process can).
 */
public final class OverlayMounter {
    /**
     * The flags of every overlay, as mount(8) spells them: {@code nodev}, so that a device node that
     * an image ships opens nothing through the host-side mount (nor through the container's, which
     * runc clones from it with its flags; the container's own /dev is a separate tmpfs). Not
     * {@code nosuid}: runc's bind of the rootfs keeps the flag, so a setuid binary would lose its
     * privilege inside the container too (su, sudo and ping break), which Docker does not do either.
     * Other users are kept away from the rootfs by the closed root instead (0700 state directories,
     * as Docker's fix of CVE-2021-41091 does); see docs/USAGE.md "Security of the root".
     */
    static final String HOST_OPTIONS = "nodev";
    /** {@link #HOST_OPTIONS} for mount(2). */
    static final long MOUNT_FLAGS = MountFlags.MS_NODEV;
    /** {@link #HOST_OPTIONS} for fsmount(2). */
    static final int MOUNT_ATTRIBUTES = NewMountApi.MOUNT_ATTR_NODEV;
    /** mount(2) copies its data argument into one page, NUL included. */
    static final int PAGE = 4096;
    private static final int EINVAL = 22;
    private static final int EBUSY = 16;

    /** How to mount; {@link #AUTO} in production, the others to test each path. */
    public enum Strategy { AUTO, NEW_API, MOUNT_DATA, HELPER }

    private final Strategy strategy;

    public OverlayMounter() {
        this(Strategy.AUTO);
    }

    public OverlayMounter(Strategy strategy) {
        this.strategy = strategy;
    }

    /** Mounts {@code m} unless something is already mounted at its target (idempotent). */
    public void mount(RootfsMount m) throws IOException {
        Path target = m.target().toAbsolutePath().normalize();
        if (MountTable.isMountPoint(target)) {
            return;
        }
        Files.createDirectories(target);
        Trees.createVisible(m.upper(), RootfsMount.UPPER_MODE);
        Files.createDirectories(m.work());
        switch (strategy) {
            case NEW_API -> NewMountApi.mountOverlay(m.lower(), params(m), target, MOUNT_ATTRIBUTES);
            case MOUNT_DATA -> mountData(m, target);
            case HELPER -> helper(m, target);
            case AUTO -> auto(m, target);
        }
    }

    private void auto(RootfsMount m, Path target) throws IOException {
        try {
            NewMountApi.mountOverlay(m.lower(), params(m), target, MOUNT_ATTRIBUTES);
            return;
        } catch (PosixException e) {
            // ENOSYS: no new mount API; EINVAL on lowerdir+: a kernel before 6.8. Anything else is real.
            boolean unsupported = e.errno() == NewMountApi.ENOSYS
                    || (e.errno() == EINVAL && e.call().startsWith("fsconfig lowerdir+"));
            if (!unsupported) {
                throw e;
            }
        }
        if (optionString(m, null).getBytes(StandardCharsets.UTF_8).length < PAGE) {
            mountData(m, target);
        } else {
            helper(m, target);
        }
    }

    /** Unmounts {@code target} if it is a mount point (idempotent); lazily if it is busy. */
    public void unmount(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        while (MountTable.isMountPoint(t)) {
            try {
                Posix.umount2(t, 0);
            } catch (PosixException e) {
                if (e.errno() == EINVAL) {
                    return; // raced with another unmount
                }
                if (e.errno() != EBUSY) {
                    throw e;
                }
                Posix.umount2(t, MountFlags.MNT_DETACH);
            }
        }
    }

    private static Map<String, String> params(RootfsMount m) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("upperdir", m.upper().toAbsolutePath().toString());
        p.put("workdir", m.work().toAbsolutePath().toString());
        p.put("redirect_dir", "off");
        p.put("index", "off");
        p.put("metacopy", "off");
        return p;
    }

    private static void mountData(RootfsMount m, Path target) throws IOException {
        String data = optionString(m, null);
        checkFits(data, m);
        Posix.mount("overlay", target, "overlay", MOUNT_FLAGS, data);
    }

    /**
     * Runs {@code mount -t overlay} in the common parent of every directory, naming them relative to
     * it: Docker's trick for deep images on kernels without {@code lowerdir+}.
     */
    private static void helper(RootfsMount m, Path target) throws IOException {
        List<Path> all = new ArrayList<>(m.lower());
        all.add(m.upper());
        all.add(m.work());
        Path base = commonParent(all);
        String data = optionString(m, base);
        checkFits(data, m);
        Process p = new ProcessBuilder("mount", "-t", "overlay", "-o", HOST_OPTIONS + "," + data, "overlay",
                target.toString())
                .directory(base.toFile()).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mount helper for " + target + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting " + target, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("mount -t overlay in " + base + " at " + target + " failed (exit "
                    + p.exitValue() + "): " + out);
        }
    }

    /** The classic option string; paths relative to {@code base} when it is given. */
    static String optionString(RootfsMount m, Path base) {
        StringBuilder s = new StringBuilder("lowerdir=");
        for (int i = 0; i < m.lower().size(); i++) {
            s.append(i == 0 ? "" : ":").append(escape(name(m.lower().get(i), base)));
        }
        s.append(",upperdir=").append(escape(name(m.upper(), base)));
        s.append(",workdir=").append(escape(name(m.work(), base)));
        return s.append(",redirect_dir=off,index=off,metacopy=off").toString();
    }

    private static String name(Path p, Path base) {
        Path abs = p.toAbsolutePath().normalize();
        return base == null ? abs.toString() : base.relativize(abs).toString();
    }

    /** The kernel splits options at ',' and lower directories at ':'; both can be escaped with '\'. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
    }

    private static void checkFits(String data, RootfsMount m) throws IOException {
        int bytes = data.getBytes(StandardCharsets.UTF_8).length + 1;
        if (bytes > PAGE) {
            throw new IOException("overlay options for " + m.target() + " (" + m.lower().size()
                    + " lower directories) take " + bytes + " bytes, more than mount(2)'s page of "
                    + PAGE + "; this kernel lacks the new mount API's lowerdir+ (Linux 6.8)");
        }
    }

    static Path commonParent(List<Path> paths) {
        Path common = paths.get(0).toAbsolutePath().normalize().getParent();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            while (!abs.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
