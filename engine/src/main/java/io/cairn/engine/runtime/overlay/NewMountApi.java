package io.cairn.engine.runtime.overlay;

import io.cairn.storage.posix.PosixException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jnr.constants.platform.Errno;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Mounts an overlay through {@code fsopen} / {@code fsconfig} / {@code fsmount} / {@code move_mount}.
 * Each lower directory is its own {@code lowerdir+} parameter (Linux 6.8+), so neither the 4 KiB
 * limit of mount(2)'s option page nor separators in paths matter. On failure the message carries
 * what the kernel wrote to the filesystem context's log (e.g. {@code overlay: failed to resolve …}).
 */
final class NewMountApi {
    static final int ENOSYS = 38;

    private static final class Holder {
        static final MountApi API = LibraryLoader.create(MountApi.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(API);
    }

    private NewMountApi() {
    }

    /**
     * Mounts {@code overlay} at {@code target} with {@code lowers} (top first) and the given string
     * parameters, which are applied in order before the lower directories; {@code attributes} are
     * {@code MOUNT_ATTR_*} flags of the mount ({@link MountApi#MOUNT_ATTR_NODEV}).
     */
    static void mountOverlay(List<Path> lowers, Map<String, String> params, Path target, int attributes)
            throws PosixException {
        MountApi api = Holder.API;
        int fs = (int) api.syscall(MountApi.SYS_FSOPEN, "overlay", MountApi.FSOPEN_CLOEXEC);
        if (fs < 0) {
            throw error("fsopen overlay", target, "");
        }
        try {
            for (Map.Entry<String, String> p : params.entrySet()) {
                set(fs, p.getKey(), p.getValue(), target);
            }
            for (Path lower : lowers) {
                set(fs, "lowerdir+", lower.toString(), target);
            }
            if (api.syscall(MountApi.SYS_FSCONFIG, fs, MountApi.FSCONFIG_CMD_CREATE, null, null, 0) < 0) {
                throw error("fsconfig create overlay", target, contextLog(fs));
            }
            int mnt = (int) api.syscall(MountApi.SYS_FSMOUNT, fs, MountApi.FSMOUNT_CLOEXEC, attributes);
            if (mnt < 0) {
                throw error("fsmount overlay", target, contextLog(fs));
            }
            try {
                if (api.syscall(MountApi.SYS_MOVE_MOUNT, mnt, "", MountApi.AT_FDCWD, target.toString(),
                        MountApi.MOVE_MOUNT_F_EMPTY_PATH) < 0) {
                    throw error("move_mount overlay", target, "");
                }
            } finally {
                api.close(mnt);
            }
        } finally {
            api.close(fs);
        }
    }

    private static void set(int fs, String key, String value, Path target) throws PosixException {
        if (Holder.API.syscall(MountApi.SYS_FSCONFIG, fs, MountApi.FSCONFIG_SET_STRING, key, value, 0) < 0) {
            throw error("fsconfig " + key + "=" + value, target, contextLog(fs));
        }
    }

    /** Drains the context's message log: one message per read, until ENODATA. */
    private static String contextLog(int fs) {
        int saved = LastError.getLastError(Holder.RUNTIME);
        StringBuilder log = new StringBuilder();
        byte[] buf = new byte[1024];
        for (int i = 0; i < 32; i++) {
            long n = Holder.API.read(fs, buf, buf.length);
            if (n <= 0) {
                break;
            }
            log.append(log.length() == 0 ? "" : "; ").append(new String(buf, 0, (int) n, StandardCharsets.UTF_8).strip());
        }
        LastError.setLastError(Holder.RUNTIME, saved);
        return log.toString();
    }

    private static PosixException error(String call, Path target, String kernelLog) {
        int errno = LastError.getLastError(Holder.RUNTIME);
        Errno e = Errno.valueOf(errno);
        String description = e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "error" : e.description();
        return new PosixException(call, target, errno,
                kernelLog.isEmpty() ? description : description + " [kernel: " + kernelLog + "]");
    }
}
