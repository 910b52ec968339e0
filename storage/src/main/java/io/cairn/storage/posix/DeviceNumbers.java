package io.cairn.storage.posix;

/**
 * glibc's encoding of {@code dev_t} (sys/sysmacros.h): 12 bits of major and 20 bits of minor
 * spread over 64 bits. jnr-posix's {@code FileStat.major()} uses the old 8/8 split, so decode
 * {@code st_rdev} here instead.
 */
public final class DeviceNumbers {
    private DeviceNumbers() {
    }

    public static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
    }

    public static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
    }

    public static long makedev(long major, long minor) {
        return ((major & 0xfffL) << 8)
                | ((major & ~0xfffL) << 32)
                | (minor & 0xffL)
                | ((minor & ~0xffL) << 12);
    }
}
