package io.cairn.engine.runtime.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The facts about the host that a spec depends on. {@link LinuxHost} reads them from the running
 * kernel; tests give fixed ones, so that a generated spec does not depend on the machine.
 */
public interface Host {

    /** Value of a hard limit that has none ({@code unlimited} in /proc/self/limits). */
    long UNLIMITED = Long.MAX_VALUE;

    /**
     * This process's hard resource limits by OCI name ({@code RLIMIT_NOFILE}, …); {@link #UNLIMITED}
     * for none. A container may not be given more: without CAP_SYS_RESOURCE, runc cannot raise them.
     */
    Map<String, Long> hardLimits();

    /** The highest capability number the kernel knows ({@code /proc/sys/kernel/cap_last_cap}). */
    int lastCap();

    /**
     * This process's capability bounding set as a bit mask ({@code CapBnd} of /proc/self/status):
     * a container can be given no capability outside it (Docker filters "all" by its own bounding
     * set the same way). All bits by default.
     */
    default long boundingSet() {
        return -1L;
    }

    /** Whether /sys/fs/cgroup is the unified (v2) hierarchy; Docker uses a cgroup namespace only then. */
    boolean cgroupV2();

    /** The running kernel's release ({@code uname -r}), for the seccomp profile's {@code minKernel}. */
    String kernelRelease();

    /** Every character and block device of the host's /dev, for {@code --privileged}. */
    List<Linux.Device> devices();

    /**
     * An {@code ip} binary (iproute2, or a busybox run with argv[0] {@code ip}) on the host, run
     * as a hook in a new network namespace to bring its loopback up; empty when there is none.
     */
    Optional<Path> ipCommand();

    /** Whether the kernel enforces AppArmor, so that a spec may name a profile. */
    default boolean appArmor() {
        return false;
    }

    /**
     * The AppArmor profile containers get by default (Cairn's {@code cairn-default}, loaded into
     * the kernel), or empty when the kernel has no AppArmor or the profile could not be loaded.
     */
    default Optional<String> appArmorDefault() {
        return Optional.empty();
    }
}
