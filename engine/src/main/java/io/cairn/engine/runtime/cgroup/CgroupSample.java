package io.cairn.engine.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup counters, in Docker's stats units: CPU times in
 * nanoseconds, memory in bytes. A container without a cgroup (not running) reads as zeros.
 *
 * @param readNanos       when it was read (wall clock)
 * @param cpuTotal        CPU time used by the container's processes
 * @param cpuKernel       of which in the kernel
 * @param cpuUser         of which in user space
 * @param perCpu          per-CPU usage (v1 only; empty on v2, as Docker leaves it)
 * @param systemCpu       the host's CPU time since boot, all CPUs (Docker's {@code system_cpu_usage})
 * @param onlineCpus      CPUs the host has online
 * @param throttling      {@code periods}, {@code throttled_periods}, {@code throttled_time} (ns)
 * @param memoryUsage     bytes charged to the cgroup
 * @param memoryMaxUsage  the peak (v1's {@code max_usage_in_bytes}; 0 when unknown)
 * @param memoryLimit     the limit, the host's memory when the cgroup has none
 * @param memoryStats     {@code memory.stat}'s counters
 * @param pidsCurrent     processes (and threads) in the cgroup
 * @param pidsLimit       its {@code pids.max}, 0 for none
 * @param blkio           bytes read and written per device: {@code major}, {@code minor}, {@code op}, {@code value}
 */
public record CgroupSample(long readNanos, long cpuTotal, long cpuKernel, long cpuUser, List<Long> perCpu,
                           long systemCpu, int onlineCpus, Map<String, Long> throttling, long memoryUsage,
                           long memoryMaxUsage, long memoryLimit, Map<String, Long> memoryStats, long pidsCurrent,
                           long pidsLimit, List<BlkioEntry> blkio) {

    public CgroupSample {
        perCpu = List.copyOf(perCpu);
        throttling = Map.copyOf(throttling);
        memoryStats = Map.copyOf(memoryStats);
        blkio = List.copyOf(blkio);
    }

    /** A device's counter: {@code op} {@code Read} or {@code Write}. */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    /** Docker's reading of a container that does not run: zeros at time {@code readNanos}. */
    public static CgroupSample zero(long readNanos) {
        return new CgroupSample(readNanos, 0, 0, 0, List.of(), 0, 0, Map.of(), 0, 0, 0, Map.of(), 0, 0, List.of());
    }
}
