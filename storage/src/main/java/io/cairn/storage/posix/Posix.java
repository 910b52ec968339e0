package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jnr.constants.platform.Errno;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The POSIX calls that layer extraction, packing and overlay mounts need and that NIO lacks.
 *
 * <p>Every method works on the path itself, never through a final symlink ({@code l*} calls,
 * {@code AT_SYMLINK_NOFOLLOW}), except {@link #chmod}, which callers use only on entries they
 * created and know not to be symlinks. Failures throw {@link PosixException} naming the call, the
 * path and errno. Linux/x86-64 and aarch64 (LP64) only.
 */
public final class Posix {
    private static final int S_IFCHR = 0020000;
    private static final int ENODATA = 61;
    private static final int ERANGE = 34;

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Posix() {
    }

    static LibC libc() {
        return Holder.LIBC;
    }

    /** errno of this thread's last libc call through {@link #libc()}. */
    static int errno() {
        return LastError.getLastError(Holder.RUNTIME);
    }

    static PosixException error(String call, Path path) {
        return error(call, path, LastError.getLastError(Holder.RUNTIME));
    }

    static PosixException error(String call, Path path, int errno) {
        return new PosixException(call, path, errno, describe(errno));
    }

    /** The errno's text, as strerror(3) has it ("error" for one jnr does not know). */
    static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "error" : e.description();
    }

    /**
     * Creates a character device with exactly {@code permissions} (mknod honours the umask, so the
     * mode is set again afterwards). Overlayfs whiteouts are {@code mknodChar(p, 0, 0, 0)}.
     */
    public static void mknodChar(Path path, int permissions, long major, long minor) throws IOException {
        String p = path.toString();
        if (libc().mknod(p, S_IFCHR | (permissions & 07777), DeviceNumbers.makedev(major, minor)) != 0) {
            throw error("mknod", path);
        }
        chmod(path, permissions);
    }

    /**
     * Creates a device node or fifo: {@code type} is {@link Stat#S_IFCHR}, {@link Stat#S_IFBLK} or
     * {@link Stat#S_IFIFO}; the permissions are exact (set again after mknod, which honours the umask).
     */
    public static void mknod(Path path, int type, int permissions, long major, long minor) throws IOException {
        if (type != Stat.S_IFCHR && type != Stat.S_IFBLK && type != Stat.S_IFIFO) {
            throw new IllegalArgumentException("mknod of type " + Integer.toOctalString(type));
        }
        long dev = type == Stat.S_IFIFO ? 0 : DeviceNumbers.makedev(major, minor);
        if (libc().mknod(path.toString(), type | (permissions & 07777), dev) != 0) {
            throw error("mknod", path);
        }
        chmod(path, permissions);
    }

    /**
     * umask(2) for the whole process (every thread): the daemon calls it once, first, so that nothing
     * it or its children create is ever open to other users by accident. Returns the previous mask.
     */
    public static int umask(int mask) {
        return libc().umask(mask & 0777);
    }

    /** chmod(2) with all twelve permission bits (setuid, setgid, sticky included); follows symlinks. */
    public static void chmod(Path path, int mode) throws IOException {
        if (libc().chmod(path.toString(), mode & 07777) != 0) {
            throw error("chmod", path);
        }
    }

    /** lchown(2): changes the owner of the path itself, not of a symlink's target. */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        if (libc().lchown(path.toString(), uid, gid) != 0) {
            throw error("lchown", path);
        }
    }

    /** lsetxattr(2). */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        if (libc().lsetxattr(path.toString(), name, value, value.length, 0) != 0) {
            throw error("lsetxattr " + name, path);
        }
    }

    /** lgetxattr(2); empty when the attribute is absent. */
    public static Optional<byte[]> getXattr(Path path, String name) throws IOException {
        String p = path.toString();
        byte[] buf = new byte[256];
        while (true) {
            long n = libc().lgetxattr(p, name, buf, buf.length);
            if (n >= 0) {
                return Optional.of(java.util.Arrays.copyOf(buf, (int) n));
            }
            int errno = LastError.getLastError(Holder.RUNTIME);
            if (errno == ENODATA) {
                return Optional.empty();
            }
            if (errno != ERANGE) {
                throw error("lgetxattr " + name, path);
            }
            long size = libc().lgetxattr(p, name, null, 0);
            if (size < 0) {
                throw error("lgetxattr " + name, path);
            }
            buf = new byte[(int) Math.max(size, buf.length * 2L)];
        }
    }

    /** lremovexattr(2): removes an extended attribute of the path itself; absent is an error (ENODATA). */
    public static void removeXattr(Path path, String name) throws IOException {
        if (libc().lremovexattr(path.toString(), name) != 0) {
            throw error("lremovexattr " + name, path);
        }
    }

    /** llistxattr(2): the names of every extended attribute of the path itself, in kernel order. */
    public static List<String> listXattrs(Path path) throws IOException {
        String p = path.toString();
        byte[] buf = new byte[1024];
        long n;
        while ((n = libc().llistxattr(p, buf, buf.length)) < 0) {
            if (LastError.getLastError(Holder.RUNTIME) != ERANGE) {
                throw error("llistxattr", path);
            }
            long size = libc().llistxattr(p, null, 0);
            if (size < 0) {
                throw error("llistxattr", path);
            }
            buf = new byte[(int) Math.max(size, buf.length * 2L)];
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == 0) {
                if (i > start) {
                    names.add(new String(buf, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    /**
     * Sets the modification time (and the access time to the same instant) of the path itself,
     * symlinks included (utimensat with AT_SYMLINK_NOFOLLOW).
     */
    public static void setTimes(Path path, long epochSecond, int nanos) throws IOException {
        long[] times = {epochSecond, nanos, epochSecond, nanos};
        if (libc().utimensat(LibC.AT_FDCWD, path.toString(), times, LibC.AT_SYMLINK_NOFOLLOW) != 0) {
            throw error("utimensat", path);
        }
    }

    /** syncfs(2) on the filesystem holding {@code dir}: one flush for a whole layer. */
    public static void syncfs(Path dir) throws IOException {
        withDirFd(dir, "syncfs", fd -> libc().syncfs(fd));
    }

    /** fsync(2) of a directory, to make a rename inside it durable. */
    public static void fsyncDir(Path dir) throws IOException {
        withDirFd(dir, "fsync", fd -> libc().fsync(fd));
    }

    private interface FdCall {
        int call(int fd);
    }

    private static void withDirFd(Path dir, String call, FdCall body) throws IOException {
        int fd = libc().open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw error("open", dir);
        }
        try {
            if (body.call(fd) != 0) {
                throw error(call, dir);
            }
        } finally {
            libc().close(fd);
        }
    }

    /** mount(2). {@code data} may be null. */
    public static void mount(String source, Path target, String fstype, long flags, String data)
            throws IOException {
        if (libc().mount(source, target.toString(), fstype, flags, data) != 0) {
            throw error("mount " + fstype + " " + source, target);
        }
    }

    /** umount2(2), e.g. with {@link MountFlags#MNT_DETACH}. */
    public static void umount2(Path target, int flags) throws IOException {
        if (libc().umount2(target.toString(), flags) != 0) {
            throw error("umount2", target);
        }
    }

    /** lstat through NIO's unix view: the path itself, never a symlink's target. */
    public static Stat lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path,
                "unix:mode,uid,gid,ino,dev,rdev,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        long nanosTotal = mtime.to(TimeUnit.NANOSECONDS);
        long seconds = Math.floorDiv(nanosTotal, 1_000_000_000L);
        int nanos = (int) Math.floorMod(nanosTotal, 1_000_000_000L);
        return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"), (Integer) a.get("nlink"),
                (Long) a.get("size"), seconds, nanos);
    }
}
