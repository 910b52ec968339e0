package io.cairn.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerSettings;
import io.cairn.engine.event.Healthcheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves and checks the {@link ContainerSettings} a create asks for against the image, as Docker
 * does at create: the restart policy, the health check (the image's unless overridden), the exposed
 * ports (the image's and the request's), and every value a later start would trust. Pure.
 */
final class CreateSettings {

    /** The sysctls Docker accepts: those the container's own namespaces (ipc, net) isolate. */
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private CreateSettings() {
    }

    static ContainerSettings resolve(ContainerSettings asked, JsonNode image, boolean autoRemove, String network) {
        ContainerSettings s = asked == null ? ContainerSettings.defaults() : asked;
        RestartRules.check(s.restartPolicy(), autoRemove);
        if (s.stopTimeout() != null && s.stopTimeout() < -1) {
            throw new InvalidArgumentException("invalid stop timeout " + s.stopTimeout()
                    + ": seconds from 0, or -1 to wait without bound");
        }
        for (Map.Entry<String, String> e : s.sysctls().entrySet()) {
            checkSysctl(e.getKey(), e.getValue(), network);
        }
        for (String g : s.groupAdd()) {
            if (!g.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}")) {
                throw new InvalidArgumentException("invalid --group-add \"" + g + "\": a group name or number");
            }
        }
        if (s.logMaxSize() < 0) {
            throw new InvalidArgumentException("invalid --log-opt max-size: must be a positive size");
        }
        if (s.logMaxFile() > 1 && s.logMaxSize() == 0) {
            throw new InvalidArgumentException("--log-opt max-file requires max-size to be set");
        }
        s.devices().forEach(Devices::check);
        if (s.init()) {
            InitBinary.require();
        }
        Healthcheck health = s.healthcheck() == null || s.healthcheck().test().isEmpty()
                ? merged(s.healthcheck(), image.path("Healthcheck")) : s.healthcheck();
        checkHealth(health);
        return s.withHealthcheck(health); // the image's EXPOSE joins the network's ports: ContainerNetworking
    }

    /** The image's health check, with the request's timings over it (Docker's merge of {@code --health-*} flags). */
    private static Healthcheck merged(Healthcheck asked, JsonNode image) {
        if (image.isMissingNode() || image.isNull()) {
            return asked == null ? null : (asked.interval() == 0 && asked.timeout() == 0 && asked.startPeriod() == 0
                    && asked.retries() == 0 ? null : asked);
        }
        List<String> test = new ArrayList<>();
        image.path("Test").forEach(t -> test.add(t.asText()));
        long interval = image.path("Interval").asLong(0);
        long timeout = image.path("Timeout").asLong(0);
        long start = image.path("StartPeriod").asLong(0);
        int retries = image.path("Retries").asInt(0);
        if (asked != null) {
            interval = asked.interval() != 0 ? asked.interval() : interval;
            timeout = asked.timeout() != 0 ? asked.timeout() : timeout;
            start = asked.startPeriod() != 0 ? asked.startPeriod() : start;
            retries = asked.retries() != 0 ? asked.retries() : retries;
        }
        return test.isEmpty() ? null : new Healthcheck(test, interval, timeout, start, retries);
    }

    private static void checkHealth(Healthcheck h) {
        if (h == null) {
            return;
        }
        String kind = h.test().isEmpty() ? "" : h.test().get(0);
        if (!h.test().isEmpty() && !List.of("NONE", "CMD", "CMD-SHELL").contains(kind)) {
            throw new InvalidArgumentException("invalid health check test " + h.test()
                    + ": it starts with NONE, CMD or CMD-SHELL");
        }
        if ((kind.equals("CMD") || kind.equals("CMD-SHELL")) && h.test().size() < 2) {
            throw new InvalidArgumentException("invalid health check test " + h.test() + ": no command");
        }
        long min = 1_000_000L; // Docker: "Interval in Healthcheck cannot be less than 1ms"
        if (h.interval() != 0 && h.interval() < min || h.timeout() != 0 && h.timeout() < min
                || h.startPeriod() != 0 && h.startPeriod() < min) {
            throw new InvalidArgumentException("health check interval, timeout and start period cannot be less than 1ms");
        }
        if (h.interval() < 0 || h.timeout() < 0 || h.startPeriod() < 0 || h.retries() < 0) {
            throw new InvalidArgumentException("health check durations and retries cannot be negative");
        }
    }

    /**
     * Docker's rule (moby's ValidateSysctl): the IPC namespace's kernel.msg*, kernel.sem, kernel.shm*,
     * fs.mqueue.*, and net.* unless the container shares the host's network; nothing else.
     */
    static void checkSysctl(String key, String value, String network) {
        if (!key.matches("[a-z0-9_]+(\\.[a-z0-9_]+)+") || value == null || value.contains("\n")) {
            throw new InvalidArgumentException("invalid sysctl " + key + "=" + value);
        }
        if (IPC_SYSCTLS.contains(key) || key.startsWith("fs.mqueue.")) {
            return;
        }
        if (key.startsWith("net.")) {
            if ("host".equals(network)) {
                throw new InvalidArgumentException("sysctl '" + key + "' not allowed in host network namespace");
            }
            return;
        }
        throw new InvalidArgumentException("sysctl '" + key + "' is not allowed");
    }
}
