package io.cairn.storage.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mounts an overlay through {@code fsopen} / {@code fsconfig} / {@code fsmount} / {@code move_mount}
 * (Linux's new mount API, through {@link LibC} like every other libc call here). Each lower
 * directory is its own {@code lowerdir+} parameter (Linux 6.8+), so neither the 4 KiB limit of
 * mount(2)'s option page nor separators in paths matter. On failure the message carries what the
 * kernel wrote to the filesystem context's log (e.g. {@code overlay: failed to resolve …}).
 */
public final class NewMountApi {
    /** The errno of a kernel without the call. */
    public static final int ENOSYS = 38;
    /** {@code MOUNT_ATTR_NODEV}: a mount attribute for {@link #mountOverlay}. */
    public static final int MOUNT_ATTR_NODEV = 0x4;

    private NewMountApi() {
    }

    /**
     * Mounts {@code overlay} at {@code target} with {@code lowers} (top first) and the given string
     * parameters, which are applied in order before the lower directories; {@code attributes} are
     * {@code MOUNT_ATTR_*} flags of the mount ({@link #MOUNT_ATTR_NODEV}).
     */
    public static void mountOverlay(List<Path> lowers, Map<String, String> params, Path target, int attributes)
            throws PosixException {
        LibC libc = Posix.libc();
        int fs = (int) libc.syscall(LibC.SYS_FSOPEN, "overlay", LibC.FSOPEN_CLOEXEC);
        if (fs < 0) {
            throw error("fsopen overlay", target, Posix.errno(), "");
        }
        try {
            for (Map.Entry<String, String> p : params.entrySet()) {
                set(fs, p.getKey(), p.getValue(), target);
            }
            for (Path lower : lowers) {
                set(fs, "lowerdir+", lower.toString(), target);
            }
            if (libc.syscall(LibC.SYS_FSCONFIG, fs, LibC.FSCONFIG_CMD_CREATE, null, null, 0) < 0) {
                int errno = Posix.errno();
                throw error("fsconfig create overlay", target, errno, contextLog(fs));
            }
            int mnt = (int) libc.syscall(LibC.SYS_FSMOUNT, fs, LibC.FSMOUNT_CLOEXEC, attributes);
            if (mnt < 0) {
                int errno = Posix.errno();
                throw error("fsmount overlay", target, errno, contextLog(fs));
            }
            try {
                if (libc.syscall(LibC.SYS_MOVE_MOUNT, mnt, "", LibC.AT_FDCWD, target.toString(),
                        LibC.MOVE_MOUNT_F_EMPTY_PATH) < 0) {
                    throw error("move_mount overlay", target, Posix.errno(), "");
                }
            } finally {
                libc.close(mnt);
            }
        } finally {
            libc.close(fs);
        }
    }

    private static void set(int fs, String key, String value, Path target) throws PosixException {
        if (Posix.libc().syscall(LibC.SYS_FSCONFIG, fs, LibC.FSCONFIG_SET_STRING, key, value, 0) < 0) {
            int errno = Posix.errno();
            throw error("fsconfig " + key + "=" + value, target, errno, contextLog(fs));
        }
    }

    /** Drains the context's message log: one message per read, until ENODATA. */
    private static String contextLog(int fs) {
        StringBuilder log = new StringBuilder();
        byte[] buf = new byte[1024];
        for (int i = 0; i < 32; i++) {
            long n = Posix.libc().read(fs, buf, buf.length);
            if (n <= 0) {
                break;
            }
            log.append(log.length() == 0 ? "" : "; ").append(new String(buf, 0, (int) n, StandardCharsets.UTF_8).strip());
        }
        return log.toString();
    }

    /** {@code errno} is the call's, read before the log drain (whose reads set their own). */
    private static PosixException error(String call, Path target, int errno, String kernelLog) {
        String description = Posix.describe(errno);
        return new PosixException(call, target, errno,
                kernelLog.isEmpty() ? description : description + " [kernel: " + kernelLog + "]");
    }
}
