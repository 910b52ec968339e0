package io.cairn.storage.posix;

/**
 * The fields of {@code struct stat} that layers care about. {@code mode} includes the file type
 * bits ({@code S_IFMT}); {@code rdev} is raw, decode it with {@link DeviceNumbers}.
 */
public record Stat(int mode, int uid, int gid, long ino, long dev, long rdev, int nlink, long size,
                   long mtimeSeconds, int mtimeNanos) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public int type() {
        return mode & S_IFMT;
    }

    /** The twelve permission bits, setuid/setgid/sticky included. */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == S_IFREG;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** An overlayfs whiteout: a character device with device number 0/0. */
    public boolean isWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }
}
