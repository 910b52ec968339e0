package io.cairn.cli.container;

import io.cairn.cli.command.Usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The later {@code create}/{@code run} flags (restart policy, stop, init, terminal, devices, sysctls,
 * log rotation, health check), turned into Docker's create body fields. The values
 * are checked by the daemon, the one place that refuses them for every client; only the shapes the
 * body needs are parsed here.
 */
public final class MoreCreateOptions {

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy: no, on-failure[:max-retries], always, unless-stopped.")
    String restart;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal to stop the container.")
    String stopSignal;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", description = "Seconds to wait before killing the container on stop.")
    Integer stopTimeout;

    @Option(names = "--init", description = "Run an init (tini) inside the container that forwards signals and reaps processes.")
    boolean init;

    @Option(names = "--group-add", paramLabel = "GROUP", description = "Add additional groups to join.")
    List<String> groupAdd = new ArrayList<>();

    @Option(names = "--device", paramLabel = "HOST[:CONTAINER[:rwm]]", description = "Add a host device to the container.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--sysctl", paramLabel = "KEY=VALUE", description = "Namespaced kernel parameters (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*).")
    List<String> sysctls = new ArrayList<>();

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE", description = "Log options: max-size=SIZE, max-file=N.")
    List<String> logOpts = new ArrayList<>();

    @Option(names = "--health-cmd", paramLabel = "CMD", description = "Command to run to check health.")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between running the check (ms|s|m|h).")
    String healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Maximum time to allow one check to run.")
    String healthTimeout;

    @Option(names = "--health-start-period", paramLabel = "DURATION", description = "Start period for the container to initialize.")
    String healthStartPeriod;

    @Option(names = "--health-retries", paramLabel = "N", description = "Consecutive failures needed to report unhealthy.")
    Integer healthRetries;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK.")
    boolean noHealthcheck;

    void addTo(Usage usage, Map<String, Object> body, Map<String, Object> host) {
        if (restart != null) {
            host.put("RestartPolicy", restartPolicy(usage, restart));
        }
        if (stopSignal != null) {
            body.put("StopSignal", stopSignal);
        }
        if (stopTimeout != null) {
            body.put("StopTimeout", stopTimeout);
        }
        if (init) {
            host.put("Init", true);
        }
        host.put("GroupAdd", groupAdd);
        List<Map<String, String>> devs = new ArrayList<>();
        for (String d : devices) {
            String[] parts = d.split(":");
            if (parts.length > 3 || parts[0].isEmpty()) {
                throw usage.error("--device: invalid device specification " + d);
            }
            String inContainer = parts.length >= 2 && !parts[1].matches("[rwm]{1,3}") ? parts[1] : parts[0];
            String perms = parts.length == 3 ? parts[2] : parts.length == 2 && parts[1].matches("[rwm]{1,3}") ? parts[1] : "rwm";
            devs.add(Map.of("PathOnHost", parts[0], "PathInContainer", inContainer, "CgroupPermissions", perms));
        }
        host.put("Devices", devs);
        host.put("Sysctls", keyValues(usage, "--sysctl", sysctls));
        if (!logOpts.isEmpty()) {
            host.put("LogConfig", Map.of("Type", "json-file", "Config", keyValues(usage, "--log-opt", logOpts)));
        }
        Map<String, Object> health = health(usage);
        if (health != null) {
            body.put("Healthcheck", health);
        }
        // --expose is CreateOptions' (with -p and -P): it writes Config.ExposedPorts once
    }

    private Map<String, Object> health(Usage usage) {
        boolean timing = healthInterval != null || healthTimeout != null || healthStartPeriod != null || healthRetries != null;
        if (noHealthcheck) {
            if (healthCmd != null || timing) {
                throw usage.error("--no-healthcheck conflicts with --health-* options");
            }
            return Map.of("Test", List.of("NONE"));
        }
        if (healthCmd == null && !timing) {
            return null;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Test", healthCmd == null ? List.of() : List.of("CMD-SHELL", healthCmd));
        h.put("Interval", nanos(usage, "--health-interval", healthInterval));
        h.put("Timeout", nanos(usage, "--health-timeout", healthTimeout));
        h.put("StartPeriod", nanos(usage, "--health-start-period", healthStartPeriod));
        if (healthRetries != null) {
            if (healthRetries < 0) {
                throw usage.error("--health-retries cannot be negative");
            }
            h.put("Retries", healthRetries);
        }
        return h;
    }

    /** Go's durations as Docker takes them: {@code 1h2m3s}, {@code 500ms}, {@code 1.5s}. */
    static long nanos(Usage usage, String flag, String text) {
        if (text == null) {
            return 0;
        }
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)").matcher(text);
        double total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            total += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        if (text.isEmpty() || at != text.length()) {
            throw usage.error(flag + ": invalid duration \"" + text + "\" (e.g. 30s, 1m30s, 500ms)");
        }
        return (long) total;
    }

    /** {@code --restart NAME[:MAX]} as Docker's {@code RestartPolicy} (the daemon checks the name). */
    static Map<String, Object> restartPolicy(Usage usage, String restart) {
        int colon = restart.indexOf(':');
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Name", colon < 0 ? restart : restart.substring(0, colon));
        if (colon >= 0) {
            policy.put("MaximumRetryCount", integer(usage, "--restart", restart.substring(colon + 1)));
        }
        return policy;
    }

    private static int integer(Usage usage, String flag, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw usage.error(flag + ": invalid number \"" + text + "\"");
        }
    }

    private static Map<String, String> keyValues(Usage usage, String flag, List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            for (String kv : flag.equals("--log-opt") ? List.of(e.split(",")) : List.of(e)) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw usage.error(flag + ": expected KEY=VALUE, not \"" + kv + "\"");
                }
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }
}
