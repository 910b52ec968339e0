package io.cairn.engine.event;

import java.util.List;

/**
 * A container's resource limits, in Docker's {@code HostConfig} units: bytes, nano-CPUs, shares.
 * Zero (or an empty string or list) means "not set", as in Docker; {@code memorySwap} -1 means
 * unlimited swap and {@code pidsLimit} 0 or -1 no limit. Checked once, when a create or an update
 * is decided ({@code container.ResourceLimits}), so the journal holds only valid values.
 * {@link ContainerConfig} and {@link ContainerUpdated} carry it: its components are part of the
 * journal format.
 */
public record Resources(long memory, long memorySwap, long memoryReservation, long nanoCpus, long cpuShares,
                        String cpusetCpus, long pidsLimit, List<Ulimit> ulimits, long shmSize,
                        boolean oomKillDisable) {

    /** No limit at all: what a container created before limits existed has. */
    public static final Resources NONE = new Resources(0, 0, 0, 0, 0, "", 0, List.of(), 0, false);

    public Resources {
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    }

    /** {@code --ulimit NAME=SOFT[:HARD]}: {@code name} as Docker spells it ({@code nofile}, {@code nproc}, …). */
    public record Ulimit(String name, long soft, long hard) {
    }
}
