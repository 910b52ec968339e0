package io.cairn.engine.network;

import io.cairn.api.InvalidArgumentException;

/**
 * An IPv4 prefix, {@code 10.213.1.0/24}. Addresses are unsigned 32-bit values in a {@code long}.
 *
 * @param base the network address (host bits zero)
 */
record Cidr(long base, int prefix) {

    Cidr {
        if (prefix < 8 || prefix > 30) {
            throw new InvalidArgumentException("invalid subnet prefix /" + prefix + ": Cairn takes /8 to /30");
        }
        base = base & mask(prefix);
    }

    /** Parses {@code A.B.C.D/N}; host bits set are refused, as Docker refuses them. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidArgumentException("invalid subnet \"" + text + "\": expected an IPv4 CIDR such as 10.213.1.0/24");
        }
        long addr = address(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid subnet \"" + text + "\": bad prefix length");
        }
        Cidr c = new Cidr(addr, prefix);
        if (c.base != addr) {
            throw new InvalidArgumentException("invalid subnet \"" + text + "\": host bits are set (did you mean "
                    + c + "?)");
        }
        return c;
    }

    /** Parses a dotted IPv4 address. */
    static long address(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidArgumentException("invalid IPv4 address \"" + text + "\"");
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                throw new InvalidArgumentException("invalid IPv4 address \"" + text + "\"");
            }
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    static String format(long addr) {
        return ((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "." + (addr & 255);
    }

    static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    long last() {
        return base | (~mask(prefix) & 0xFFFFFFFFL);
    }

    boolean contains(long addr) {
        return (addr & mask(prefix)) == base;
    }

    boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.base);
    }

    boolean overlaps(Cidr other) {
        return contains(other.base) || other.contains(base);
    }

    /** The first usable address, Docker's default gateway. */
    long firstHost() {
        return base + 1;
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
