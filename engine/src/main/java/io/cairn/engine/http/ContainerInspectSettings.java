package io.cairn.engine.http;

import io.cairn.engine.event.ContainerSettings;
import io.cairn.engine.event.DeviceMapping;
import io.cairn.engine.event.Healthcheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link ContainerSettings} in {@code inspect}'s {@code Config} and {@code HostConfig}, by Docker's field names. */
final class ContainerInspectSettings {

    private ContainerInspectSettings() {
    }

    static void config(ContainerSettings s, Map<String, Object> config) {
        config.put("Tty", s.tty());
        config.put("OpenStdin", s.openStdin());
        config.put("StdinOnce", s.stdinOnce());
        config.put("AttachStdin", s.attachStdin());
        config.put("AttachStdout", s.attachStdout());
        config.put("AttachStderr", s.attachStderr());
        Healthcheck h = s.healthcheck();
        if (h != null) {
            Map<String, Object> hc = new LinkedHashMap<>();
            hc.put("Test", h.test());
            if (h.interval() != 0) {
                hc.put("Interval", h.interval());
            }
            if (h.timeout() != 0) {
                hc.put("Timeout", h.timeout());
            }
            if (h.startPeriod() != 0) {
                hc.put("StartPeriod", h.startPeriod());
            }
            if (h.retries() != 0) {
                hc.put("Retries", h.retries());
            }
            config.put("Healthcheck", hc);
        }
        if (s.stopTimeout() != null) {
            config.put("StopTimeout", s.stopTimeout());
        }
    }

    /** {@code State.Health}: the indexed verdict, failing streak and last probes (times in RFC 3339). */
    @SuppressWarnings("unchecked")
    static void health(io.cairn.engine.container.ContainerRecord c, Map<String, Object> out) {
        if (c.health().isEmpty()) {
            return;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Status", c.health());
        h.put("FailingStreak", c.failingStreak());
        List<Map<String, Object>> log = new ArrayList<>();
        for (io.cairn.engine.container.ContainerRecord.HealthProbe p : c.healthLog()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Start", instant(p.startNanos()));
            entry.put("End", instant(p.endNanos()));
            entry.put("ExitCode", p.exitCode());
            entry.put("Output", p.output());
            log.add(entry);
        }
        h.put("Log", log);
        ((Map<String, Object>) out.get("State")).put("Health", h);
    }

    private static String instant(long epochNanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }

    static void hostConfig(ContainerSettings s, Map<String, Object> host) {
        host.put("RestartPolicy", Map.of("Name", s.restartPolicy().name(),
                "MaximumRetryCount", s.restartPolicy().maximumRetryCount()));
        host.put("Init", s.init());
        host.put("ConsoleSize", List.of(s.consoleHeight(), s.consoleWidth()));
        host.put("GroupAdd", s.groupAdd());
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceMapping d : s.devices()) {
            devices.add(Map.of("PathOnHost", d.pathOnHost(), "PathInContainer", d.pathInContainer(),
                    "CgroupPermissions", d.cgroupPermissions()));
        }
        host.put("Devices", devices);
        host.put("Sysctls", s.sysctls());
        Map<String, String> logOpts = new LinkedHashMap<>();
        if (s.logMaxSize() > 0) {
            logOpts.put("max-size", Long.toString(s.logMaxSize()));
            logOpts.put("max-file", Integer.toString(s.logMaxFile()));
        }
        host.put("LogConfig", Map.of("Type", "json-file", "Config", logOpts));
    }
}
