package io.cairn.engine.http;

import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.runtime.cgroup.CgroupSample;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pair of cgroup readings as Docker's stats JSON ({@code GET /containers/{id}/stats}, API 1.43). */
final class StatsView {

    private StatsView() {
    }

    static Map<String, Object> of(ContainerRecord c, CgroupSample now, CgroupSample before) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("read", time(now.readNanos()));
        out.put("preread", before == null ? "0001-01-01T00:00:00Z" : time(before.readNanos()));
        out.put("pids_stats", now.pidsLimit() > 0 ? Map.of("current", now.pidsCurrent(), "limit", now.pidsLimit())
                : Map.of("current", now.pidsCurrent()));
        List<Map<String, Object>> blkio = new ArrayList<>();
        for (CgroupSample.BlkioEntry e : now.blkio()) {
            blkio.add(Map.of("major", e.major(), "minor", e.minor(), "op", e.op(), "value", e.value()));
        }
        Map<String, Object> blk = new LinkedHashMap<>();
        blk.put("io_service_bytes_recursive", blkio);
        for (String empty : List.of("io_serviced_recursive", "io_queue_recursive", "io_service_time_recursive",
                "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive", "sectors_recursive")) {
            blk.put(empty, null);
        }
        out.put("blkio_stats", blk);
        out.put("num_procs", 0);
        out.put("storage_stats", Map.of());
        out.put("cpu_stats", cpu(now));
        out.put("precpu_stats", before == null ? cpu(CgroupSample.zero(0)) : cpu(before));
        Map<String, Object> memory = new LinkedHashMap<>();
        if (now.memoryLimit() > 0 || now.memoryUsage() > 0) {
            memory.put("usage", now.memoryUsage());
            if (now.memoryMaxUsage() > 0) {
                memory.put("max_usage", now.memoryMaxUsage());
            }
            memory.put("stats", now.memoryStats());
            memory.put("limit", now.memoryLimit());
        }
        out.put("memory_stats", memory);
        out.put("name", "/" + c.name());
        out.put("id", c.id());
        return out;
    }

    private static Map<String, Object> cpu(CgroupSample s) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", s.cpuTotal());
        if (!s.perCpu().isEmpty()) {
            usage.put("percpu_usage", s.perCpu());
        }
        usage.put("usage_in_kernelmode", s.cpuKernel());
        usage.put("usage_in_usermode", s.cpuUser());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cpu_usage", usage);
        if (s.systemCpu() > 0) {
            cpu.put("system_cpu_usage", s.systemCpu());
        }
        if (s.onlineCpus() > 0) {
            cpu.put("online_cpus", s.onlineCpus());
        }
        Map<String, Object> throttling = new LinkedHashMap<>();
        throttling.put("periods", s.throttling().getOrDefault("periods", 0L));
        throttling.put("throttled_periods", s.throttling().getOrDefault("throttled_periods", 0L));
        throttling.put("throttled_time", s.throttling().getOrDefault("throttled_time", 0L));
        cpu.put("throttling_data", throttling);
        return cpu;
    }

    private static String time(long nanos) {
        return nanos == 0 ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, nanos));
    }
}
