package io.cairn.storage.posix;

/** Linux mount(2) and umount2(2) flags used by Cairn. */
public final class MountFlags {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;

    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;

    private MountFlags() {
    }
}
