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
        return ((dev & 0x0000_0000_000f_ff00L) >>> 8) | ((dev & 0xffff_f000_0000_0000L) >>> 32);
    }

    public static long minor(long dev) {
        return (dev & 0xffL) | ((dev & 0x0000_0fff_fff0_0000L) >>> 12);
    }

    /** Major and minor are 32-bit unsigned values; higher bits are ignored. */
    public static long makedev(long major, long minor) {
        return ((major & 0x0000_0fffL) << 8)
                | ((major & 0xffff_f000L) << 32)
                | (minor & 0xffL)
                | ((minor & 0xffff_ff00L) << 12);
    }
}
