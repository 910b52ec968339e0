package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's resource fields of {@code HostConfig} (create) and of the update body, read into
 * {@link Resources}. The limit fields Cairn does not apply are refused when set, never ignored:
 * the stock docker CLI sends them as zero or null when their flags are not given.
 */
final class ResourceParsing {

    /** Fields Cairn has no cgroup setting for; each is refused unless zero, null, empty or (swappiness) -1. */
    private static final List<String> UNSUPPORTED = List.of("CpuQuota", "CpuPeriod", "CpuRealtimePeriod",
            "CpuRealtimeRuntime", "CpusetMems", "CpuCount", "CpuPercent", "BlkioWeight", "BlkioWeightDevice",
            "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps",
            "KernelMemory", "KernelMemoryTCP", "MemorySwappiness", "IOMaximumIOps", "IOMaximumBandwidth");

    private ResourceParsing() {
    }

    /** The limits of a create's {@code HostConfig} (missing node: none). */
    static Resources of(JsonNode host) {
        refuseUnsupported(host);
        List<Resources.Ulimit> ulimits = new ArrayList<>();
        for (JsonNode u : host.path("Ulimits")) {
            String name = u.path("Name").asText("");
            if (name.isEmpty() || !u.path("Soft").canConvertToLong() || !u.path("Hard").canConvertToLong()) {
                throw new InvalidArgumentException("invalid Ulimits entry " + u + ": want {\"Name\", \"Soft\", \"Hard\"}");
            }
            ulimits.add(new Resources.Ulimit(name, u.path("Soft").asLong(), u.path("Hard").asLong()));
        }
        return new Resources(number(host, "Memory"), number(host, "MemorySwap"), number(host, "MemoryReservation"),
                number(host, "NanoCpus"), number(host, "CpuShares"), host.path("CpusetCpus").asText(""),
                number(host, "PidsLimit"), ulimits, number(host, "ShmSize"), host.path("OomKillDisable").asBoolean(false));
    }

    /**
     * The limits an update body asks for, on top of {@code current}: a field that is absent or zero
     * keeps its value, as Docker's update does ({@link #restartPolicy} reads the body's policy).
     */
    static Resources update(JsonNode body, Resources current) {
        refuseUnsupported(body);
        for (String f : List.of("Ulimits", "ShmSize", "OomKillDisable")) {
            if (body.hasNonNull(f) && !(body.get(f).isArray() && body.get(f).isEmpty())
                    && !(body.get(f).isNumber() && body.get(f).asLong() == 0)
                    && !(body.get(f).isBoolean() && !body.get(f).asBoolean())) {
                throw new InvalidArgumentException("update: " + f + " cannot change once the container exists");
            }
        }
        long memory = keep(body, "Memory", current.memory());
        long swap = keep(body, "MemorySwap", current.memorySwap());
        if (body.has("Memory") && number(body, "Memory") > 0 && !body.has("MemorySwap")
                && current.memorySwap() > 0 && current.memorySwap() < memory) {
            swap = 0; // a larger memory limit than the old swap: back to the default (twice the memory)
        }
        return new Resources(memory, swap, keep(body, "MemoryReservation", current.memoryReservation()),
                keep(body, "NanoCpus", current.nanoCpus()), keep(body, "CpuShares", current.cpuShares()),
                body.path("CpusetCpus").asText("").isEmpty() ? current.cpusetCpus() : body.path("CpusetCpus").asText(),
                keep(body, "PidsLimit", current.pidsLimit()), current.ulimits(), current.shmSize(),
                current.oomKillDisable());
    }

    /**
     * The update body's {@code RestartPolicy}, {@code null} when it names none (the docker CLI sends
     * {@code {"Name": ""}} without {@code --restart}: the policy stays).
     */
    static io.cairn.engine.event.RestartPolicy restartPolicy(JsonNode body) {
        JsonNode rp = body.path("RestartPolicy");
        if (rp.isMissingNode() || rp.isNull()) {
            return null;
        }
        if (!rp.isObject() || !rp.path("Name").isTextual() && rp.has("Name")
                || rp.has("MaximumRetryCount") && !rp.path("MaximumRetryCount").canConvertToInt()) {
            throw new InvalidArgumentException("invalid RestartPolicy " + rp + ": want {\"Name\", \"MaximumRetryCount\"}");
        }
        String name = rp.path("Name").asText("");
        return name.isEmpty() ? null : new io.cairn.engine.event.RestartPolicy(name, rp.path("MaximumRetryCount").asInt(0));
    }

    private static long keep(JsonNode n, String field, long current) {
        long v = number(n, field);
        return v == 0 ? current : v;
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToLong() || v.isBoolean()) {
            throw new InvalidArgumentException("invalid " + field + " " + v + ": want an integer");
        }
        return v.asLong();
    }

    private static void refuseUnsupported(JsonNode n) {
        for (String f : UNSUPPORTED) {
            JsonNode v = n.get(f);
            boolean unset = v == null || v.isNull() || (v.isNumber() && v.asLong() == 0)
                    || (v.isTextual() && v.asText().isEmpty()) || (v.isArray() && v.isEmpty())
                    || (f.equals("MemorySwappiness") && v.isNumber() && v.asLong() == -1);
            if (!unset) {
                throw new InvalidArgumentException(f + " " + v + ": Cairn does not apply this limit");
            }
        }
    }
}
