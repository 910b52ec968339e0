package io.cairn.engine.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link CgroupSample} from a container's cgroup files, v1 or v2. */
public final class CgroupStats {

    /** USER_HZ: the unit of /proc/stat and cpuacct.stat, 100 on every Linux Docker runs on. */
    private static final long TICK_NANOS = 10_000_000L;

    private CgroupStats() {
    }

    /** The container's counters now; zeros when its cgroup is gone. */
    public static CgroupSample read(ContainerCgroup cg) {
        long now = System.currentTimeMillis() * 1_000_000L;
        if (!cg.exists()) {
            return CgroupSample.zero(now);
        }
        return cg.v2() ? v2(cg, now) : v1(cg, now);
    }

    private static CgroupSample v1(ContainerCgroup cg, long now) {
        Path cpuacct = cg.dir("cpuacct");
        List<Long> perCpu = new ArrayList<>();
        for (String line : ContainerCgroup.lines(cpuacct.resolve("cpuacct.usage_percpu"))) {
            for (String v : line.strip().split("\\s+")) {
                if (!v.isEmpty()) {
                    perCpu.add(Long.parseLong(v));
                }
            }
        }
        Map<String, Long> ticks = ContainerCgroup.keyed(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> cpuStat = ContainerCgroup.keyed(cg.dir("cpu").resolve("cpu.stat"));
        Map<String, Long> throttling = throttling(cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L), cpuStat.getOrDefault("throttled_time", 0L));
        Path memory = cg.dir("memory");
        long limit = cg.memoryLimit().orElse(hostMemory());
        List<CgroupSample.BlkioEntry> blkio = new ArrayList<>();
        for (String line : ContainerCgroup.lines(cg.dir("blkio").resolve("blkio.throttle.io_service_bytes_recursive"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && (f[1].equals("Read") || f[1].equals("Write")) && f[0].contains(":")) {
                String[] mm = f[0].split(":");
                blkio.add(new CgroupSample.BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]), f[1],
                        Long.parseLong(f[2])));
            }
        }
        return new CgroupSample(now, cg.number(cpuacct.resolve("cpuacct.usage")),
                ticks.getOrDefault("system", 0L) * TICK_NANOS, ticks.getOrDefault("user", 0L) * TICK_NANOS, perCpu,
                systemCpu(), onlineCpus(), throttling, cg.number(memory.resolve("memory.usage_in_bytes")),
                cg.number(memory.resolve("memory.max_usage_in_bytes")), limit,
                ContainerCgroup.keyed(memory.resolve("memory.stat")), cg.number(cg.dir("pids").resolve("pids.current")),
                cg.limit(cg.dir("pids").resolve("pids.max")).orElse(0), blkio);
    }

    private static CgroupSample v2(ContainerCgroup cg, long now) {
        Path dir = cg.dir("");
        Map<String, Long> cpu = ContainerCgroup.keyed(dir.resolve("cpu.stat"));
        Map<String, Long> throttling = throttling(cpu.getOrDefault("nr_periods", 0L), cpu.getOrDefault("nr_throttled", 0L),
                cpu.getOrDefault("throttled_usec", 0L) * 1000);
        List<CgroupSample.BlkioEntry> blkio = new ArrayList<>();
        for (String line : ContainerCgroup.lines(dir.resolve("io.stat"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] mm = f[0].split(":");
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith("rbytes=")) {
                    blkio.add(new CgroupSample.BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]), "Read",
                            Long.parseLong(f[i].substring(7))));
                } else if (f[i].startsWith("wbytes=")) {
                    blkio.add(new CgroupSample.BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]), "Write",
                            Long.parseLong(f[i].substring(7))));
                }
            }
        }
        return new CgroupSample(now, cpu.getOrDefault("usage_usec", 0L) * 1000,
                cpu.getOrDefault("system_usec", 0L) * 1000, cpu.getOrDefault("user_usec", 0L) * 1000, List.of(),
                systemCpu(), onlineCpus(), throttling, cg.number(dir.resolve("memory.current")),
                cg.number(dir.resolve("memory.peak")), cg.memoryLimit().orElse(hostMemory()),
                ContainerCgroup.keyed(dir.resolve("memory.stat")), cg.number(dir.resolve("pids.current")),
                cg.limit(dir.resolve("pids.max")).orElse(0), blkio);
    }

    private static Map<String, Long> throttling(long periods, long throttled, long time) {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("periods", periods);
        t.put("throttled_periods", throttled);
        t.put("throttled_time", time);
        return t;
    }

    /** The host's CPU time since boot over all CPUs, from /proc/stat's first line, in nanoseconds. */
    static long systemCpu() {
        for (String line : ContainerCgroup.lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                long sum = 0;
                String[] f = line.strip().split("\\s+");
                for (int i = 1; i < f.length && i <= 7; i++) { // user … softirq, as Docker sums them
                    sum += Long.parseLong(f[i]);
                }
                return sum * TICK_NANOS;
            }
        }
        return 0;
    }

    static int onlineCpus() {
        int n = 0;
        for (String line : ContainerCgroup.lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu") && !line.startsWith("cpu ")) {
                n++;
            }
        }
        return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
    }

    /** The host's memory, what Docker reports as the limit of a container without one. */
    static long hostMemory() {
        for (String line : ContainerCgroup.lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
