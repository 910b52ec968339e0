package io.cairn.engine.runtime.overlay;

import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Internal: public only because jnr-ffi implements it from another class loader; use
 * {@link NewMountApi}.
 *
 * <p>The Linux new mount API (5.2+) through libc's {@code syscall(2)}, so it works whatever the libc
 * (glibc wraps these calls only since 2.36, musl not at all); the numbers are the same on every
 * architecture because they were allocated after the syscall tables were unified. Each Java overload maps to
 * the one variadic C function; only integer and pointer arguments are passed, which LP64 calling
 * conventions pass identically to fixed and variadic functions.
 */
public interface MountApi {
    long SYS_MOVE_MOUNT = 429;
    long SYS_FSOPEN = 430;
    long SYS_FSCONFIG = 431;
    long SYS_FSMOUNT = 432;

    int FSOPEN_CLOEXEC = 0x1;
    int FSCONFIG_SET_FLAG = 0;
    int FSCONFIG_SET_STRING = 1;
    int FSCONFIG_CMD_CREATE = 6;
    int FSMOUNT_CLOEXEC = 0x1;
    int MOUNT_ATTR_NOSUID = 0x2;
    int MOUNT_ATTR_NODEV = 0x4;
    int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    int AT_FDCWD = -100;

    /** {@code fsopen(fsname, flags)}. */
    @SaveError long syscall(long number, String fsname, int flags);

    /** {@code fsconfig(fd, cmd, key, value, aux)}; {@code key} and {@code value} may be null. */
    @SaveError long syscall(long number, int fd, int cmd, String key, String value, int aux);

    /** {@code fsmount(fd, flags, attr_flags)}. */
    @SaveError long syscall(long number, int fd, int flags, int attrFlags);

    /** {@code move_mount(from_dfd, from_path, to_dfd, to_path, flags)}. */
    @SaveError long syscall(long number, int fromDirFd, String fromPath, int toDirFd, String toPath, int flags);

    @SaveError @ssize_t long read(int fd, @Out byte[] buf, @size_t long count);

    @SaveError int close(int fd);
}
