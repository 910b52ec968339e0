package io.cairn.engine.http;

import io.cairn.engine.event.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A container's limits as Docker's {@code inspect} shows them in {@code HostConfig}. */
final class ResourceViews {

    private ResourceViews() {
    }

    static Map<String, Object> hostConfig(Resources r) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("Memory", r.memory());
        host.put("MemorySwap", r.memorySwap());
        host.put("MemoryReservation", r.memoryReservation());
        host.put("NanoCpus", r.nanoCpus());
        host.put("CpuShares", r.cpuShares());
        host.put("CpusetCpus", r.cpusetCpus());
        host.put("PidsLimit", r.pidsLimit() == 0 ? null : r.pidsLimit());
        List<Map<String, Object>> ulimits = new ArrayList<>();
        for (Resources.Ulimit u : r.ulimits()) {
            ulimits.add(Map.of("Name", u.name(), "Soft", u.soft(), "Hard", u.hard()));
        }
        host.put("Ulimits", ulimits);
        host.put("ShmSize", r.shmSize() == 0 ? 64L * 1024 * 1024 : r.shmSize());
        host.put("OomKillDisable", r.oomKillDisable());
        return host;
    }
}
