package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A set of Linux capabilities, and Docker's arithmetic for {@code --cap-add}, {@code --cap-drop}
 * and {@code --privileged}. Names are kept in kernel number order, so the same grant always
 * serializes the same way.
 */
public final class CapabilitySet {

    /** Capability names by number (linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40). */
    private static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
            "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
            "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /**
     * Docker's default grant (moby {@code oci.DefaultCapabilities}): CapEff {@code 00000000a80425fb}.
     */
    public static final CapabilitySet DOCKER_DEFAULT = of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private final BitSet bits;

    private CapabilitySet(BitSet bits) {
        this.bits = bits;
    }

    /** The set of the given canonical names ({@code CAP_*}). */
    public static CapabilitySet of(String... names) {
        BitSet bits = new BitSet();
        for (String n : names) {
            bits.set(number(normalize(n, "capability")));
        }
        return new CapabilitySet(bits);
    }

    /** Every capability the running kernel knows: numbers 0..{@code lastCap} ({@code /proc/sys/kernel/cap_last_cap}). */
    public static CapabilitySet all(int lastCap) {
        BitSet bits = new BitSet();
        bits.set(0, Math.min(lastCap, NAMES.size() - 1) + 1);
        return new CapabilitySet(bits);
    }

    /**
     * Docker's {@code TweakCapabilities}: privileged → all; {@code ALL} in adds → all but the named drops
     * (even with {@code --cap-drop ALL}, the add wins as in Docker);
     * {@code ALL} in drops → only the adds; otherwise the defaults minus the drops, plus the adds
     * (a capability both added and dropped is granted, as in Docker).
     *
     * @throws InvalidArgumentException naming an unknown capability and the flag that gave it
     */
    public static CapabilitySet tweak(CapabilitySet defaults, List<String> adds, List<String> drops,
                                      boolean privileged, int lastCap) {
        CapabilitySet all = all(lastCap);
        if (privileged) {
            return all;
        }
        List<String> add = normalizeAll(adds, "--cap-add");
        List<String> drop = normalizeAll(drops, "--cap-drop");
        BitSet result = new BitSet();
        if (add.contains("ALL")) {
            result.or(all.bits);
            drop.stream().filter(d -> !d.equals("ALL")).forEach(d -> result.clear(number(d)));
        } else if (drop.contains("ALL")) {
            add.forEach(a -> result.set(number(a)));
        } else {
            result.or(defaults.bits);
            drop.forEach(d -> result.clear(number(d)));
            add.forEach(a -> result.set(number(a)));
        }
        result.and(all.bits);
        return new CapabilitySet(result);
    }

    /** The capabilities of this set that are in {@code mask} (bit N = capability N). */
    public CapabilitySet within(long mask) {
        BitSet result = (BitSet) bits.clone();
        result.and(BitSet.valueOf(new long[] {mask}));
        return new CapabilitySet(result);
    }

    /** {@code chown}, {@code cap_chown}, {@code CAP_CHOWN} → {@code CAP_CHOWN}; {@code all} → {@code ALL}. */
    static String normalize(String name, String flag) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) {
            return upper;
        }
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!NAMES.contains(full)) {
            throw new InvalidArgumentException("unknown capability \"" + name + "\" in " + flag);
        }
        return full;
    }

    private static List<String> normalizeAll(List<String> names, String flag) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(normalize(n, flag));
        }
        return out;
    }

    private static int number(String canonical) {
        return NAMES.indexOf(canonical);
    }

    /** Whether {@code name} (canonical {@code CAP_*}) is granted. */
    public boolean contains(String name) {
        int n = number(name);
        return n >= 0 && bits.get(n);
    }

    /** The canonical names, in kernel number order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        bits.stream().forEach(i -> out.add(NAMES.get(i)));
        return List.copyOf(out);
    }

    /** The kernel's bit mask, as /proc/PID/status prints CapEff (16 hex digits). */
    public String mask() {
        long[] words = bits.toLongArray();
        return String.format("%016x", words.length == 0 ? 0L : words[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapabilitySet other && other.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
