package io.cairn.engine.runtime.spec;

import java.util.List;

/** Docker's limits in OCI's {@code linux.resources}, converted as Docker converts them. */
final class CgroupResources {

    /** Docker's CFS period for {@code --cpus}: 100 ms. */
    static final long CPU_PERIOD = 100_000;

    private CgroupResources() {
    }

    static Linux.Resources of(List<Linux.DeviceRule> devices, RunOptions.CgroupLimits l) {
        Linux.Memory memory = null;
        if (l.memory() > 0 || l.memoryReservation() > 0 || l.oomKillDisable()) {
            Long swap = l.memory() > 0 ? l.effectiveSwap() : null;
            memory = new Linux.Memory(l.memory() > 0 ? l.memory() : null,
                    l.memoryReservation() > 0 ? l.memoryReservation() : null, swap,
                    l.oomKillDisable() ? Boolean.TRUE : null);
        }
        Linux.Cpu cpu = null;
        if (l.nanoCpus() > 0 || l.cpuShares() > 0 || !l.cpusetCpus().isEmpty()) {
            cpu = new Linux.Cpu(l.cpuShares() > 0 ? l.cpuShares() : null,
                    l.nanoCpus() > 0 ? l.nanoCpus() * CPU_PERIOD / 1_000_000_000L : null,
                    l.nanoCpus() > 0 ? CPU_PERIOD : null,
                    l.cpusetCpus().isEmpty() ? null : l.cpusetCpus());
        }
        Linux.Pids pids = l.pidsLimit() > 0 ? new Linux.Pids(l.pidsLimit()) : null;
        return new Linux.Resources(devices, memory, cpu, pids);
    }
}
