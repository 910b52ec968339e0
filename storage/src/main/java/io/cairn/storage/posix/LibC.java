package io.cairn.storage.posix;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Internal: public only because jnr-ffi implements it from another class loader; use {@link Posix}.
 *
 * <p>The few libc calls that neither NIO nor jnr-posix offers. Every call saves errno so that
 * {@link Posix} can name the failure. Strings are passed in the platform charset (UTF-8 here).
 */
public interface LibC {
    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100;
    int O_RDONLY = 0;
    int O_DIRECTORY = 0200000;
    int O_CLOEXEC = 02000000;
    int O_NOFOLLOW = 0400000;
    int O_WRONLY = 1;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_PATH = 010000000;
    /** openat2(2)'s syscall number, the same on x86-64 and aarch64 (added after the tables were unified). */
    long SYS_OPENAT2 = 437;
    long RESOLVE_NO_MAGICLINKS = 0x02;
    long RESOLVE_NO_SYMLINKS = 0x04;
    long RESOLVE_BENEATH = 0x08;
    long RESOLVE_IN_ROOT = 0x10;
    /*
     * The new mount API (5.2+), for NewMountApi. glibc wraps these calls only since 2.36 and musl not
     * at all, so they go through syscall(2); the numbers are the same on every architecture because
     * they were allocated after the syscall tables were unified. Each Java overload of syscall maps
     * to the one variadic C function; only integer and pointer arguments are passed, which LP64
     * calling conventions pass identically to fixed and variadic functions.
     */
    long SYS_MOVE_MOUNT = 429;
    long SYS_FSOPEN = 430;
    long SYS_FSCONFIG = 431;
    long SYS_FSMOUNT = 432;
    int FSOPEN_CLOEXEC = 0x1;
    int FSCONFIG_SET_STRING = 1;
    int FSCONFIG_CMD_CREATE = 6;
    int FSMOUNT_CLOEXEC = 0x1;
    int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    /** pidfd_open(2) (5.3+), same number everywhere for the same reason. */
    long SYS_PIDFD_OPEN = 434;
    short POLLIN = 0x1;

    @SaveError int mknod(String path, int mode, long dev);

    @SaveError int chmod(String path, int mode);

    @SaveError int lchown(String path, int uid, int gid);

    @SaveError int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

    @SaveError @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    @SaveError @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

    @SaveError int lremovexattr(String path, String name);

    /** {@code times} is two {@code struct timespec} (atime, mtime) laid out as four longs (LP64). */
    @SaveError int utimensat(int dirfd, String path, @In long[] times, int flags);

    @SaveError int open(String path, int flags, int mode);

    /**
     * openat2(2) through syscall(2), glibc having no wrapper: {@code how} is {@code struct open_how}
     * (flags, mode, resolve) as three longs.
     */
    @SaveError int syscall(long number, int dirfd, String path, @In long[] how, @size_t long size);

    /** {@code fsopen(fsname, flags)}. */
    @SaveError long syscall(long number, String fsname, int flags);

    /** {@code fsconfig(fd, cmd, key, value, aux)}; {@code key} and {@code value} may be null. */
    @SaveError long syscall(long number, int fd, int cmd, String key, String value, int aux);

    /** {@code fsmount(fd, flags, attr_flags)}. */
    @SaveError long syscall(long number, int fd, int flags, int attrFlags);

    /** {@code move_mount(from_dfd, from_path, to_dfd, to_path, flags)}. */
    @SaveError long syscall(long number, int fromDirFd, String fromPath, int toDirFd, String toPath, int flags);

    /** {@code pidfd_open(pid, flags)}. */
    @SaveError long syscall(long number, int pid, int flags);

    /** {@code fds} is {@code struct pollfd} (int fd, short events, short revents) as two ints (little-endian). */
    @SaveError int poll(@In @Out int[] fds, @size_t long nfds, int timeout);

    @SaveError int close(int fd);

    @SaveError @ssize_t long read(int fd, @Out byte[] buf, @size_t long count);

    @SaveError @ssize_t long write(int fd, @In byte[] buf, @size_t long count);

    @SaveError int fchown(int fd, int uid, int gid);

    @SaveError int fchmod(int fd, int mode);

    @SaveError int futimens(int fd, @In long[] times);

    @SaveError int syncfs(int fd);

    @SaveError int fsync(int fd);

    @SaveError int mount(String source, String target, String fstype, long flags, String data);

    @SaveError int umount2(String target, int flags);

    int umask(int mask);

    int AF_UNIX = 1;
    int SOCK_SEQPACKET = 5;
    int SOCK_CLOEXEC = 02000000;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;

    @SaveError int socket(int domain, int type, int protocol);

    /** {@code addr} is a {@code struct sockaddr_un}: family (2 bytes, host order), path (108 bytes). */
    @SaveError int connect(int fd, @In byte[] addr, int len);

    @SaveError int shutdown(int fd, int how);

    long TIOCSWINSZ = 0x5414;
    int O_RDWR = 2;
    int O_NOCTTY = 0400;

    @SaveError int posix_openpt(int flags);

    @SaveError int grantpt(int fd);

    @SaveError int unlockpt(int fd);

    @SaveError int ptsname_r(int fd, @Out byte[] buf, @size_t long len);

    @SaveError int kill(int pid, int signal);

    /** {@code ws} is a {@code struct winsize}: rows, columns, x pixels, y pixels. */
    @SaveError int ioctl(int fd, long request, @In short[] ws);
}
