package io.cairn.cli.container;

import io.cairn.cli.command.Usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The resource flags of {@code create}, {@code run} and {@code update}, in Docker's units
 * ({@code 512m}, {@code 1.5} CPUs, {@code nofile=1024:2048}), turned into {@code HostConfig} fields.
 * A malformed value is a usage error naming the flag, as in Docker; the daemon checks the rules
 * between values (swap at least the memory, CPUs that exist).
 */
public final class ResourceOptions {

    /** A holder: compiling a pattern bootstraps lambdas, which every {@code run} would pay without a size flag. */
    private static final class Size {
        static final Pattern PATTERN = Pattern.compile("(?i)^\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b?)\\s*$");
    }

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit (e.g. 512m, 1g).")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES", description = "Memory plus swap limit; -1 for unlimited swap.")
    String memorySwap;

    @Option(names = "--memory-reservation", paramLabel = "BYTES", description = "Memory soft limit.")
    String memoryReservation;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs (e.g. 1.5).")
    String cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU shares (relative weight).")
    String cpuShares;

    @Option(names = "--cpuset-cpus", paramLabel = "LIST", description = "CPUs in which to allow execution (0-3, 0,1).")
    String cpusetCpus;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Tune container pids limit (-1 for unlimited).")
    String pidsLimit;

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Ulimit options (create and run only).")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--shm-size", paramLabel = "BYTES", description = "Size of /dev/shm (create and run only).")
    String shmSize;

    @Option(names = "--oom-kill-disable", description = "Disable OOM Killer (cgroup v1; create and run only).")
    boolean oomKillDisable;

    /**
     * The {@code HostConfig} fields the flags give; with {@code all} false ({@code update}) the
     * flags that cannot change after create are refused.
     */
    Map<String, Object> hostConfig(Usage usage, boolean all) {
        Map<String, Object> host = new LinkedHashMap<>();
        if (memory != null) {
            host.put("Memory", bytes(usage, "-m, --memory", memory));
        }
        if (memorySwap != null) {
            host.put("MemorySwap", memorySwap.strip().equals("-1") ? -1L : bytes(usage, "--memory-swap", memorySwap));
        }
        if (memoryReservation != null) {
            host.put("MemoryReservation", bytes(usage, "--memory-reservation", memoryReservation));
        }
        if (cpus != null) {
            try {
                BigDecimal n = new BigDecimal(cpus.strip()).movePointRight(9);
                if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
                    throw new NumberFormatException();
                }
                host.put("NanoCpus", n.longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(usage, "--cpus", cpus, "failed to parse " + cpus + " as a rational number");
            }
        }
        if (cpuShares != null) {
            host.put("CpuShares", integer(usage, "-c, --cpu-shares", cpuShares));
        }
        if (cpusetCpus != null) {
            host.put("CpusetCpus", cpusetCpus);
        }
        if (pidsLimit != null) {
            host.put("PidsLimit", integer(usage, "--pids-limit", pidsLimit));
        }
        if (!all && (!ulimits.isEmpty() || shmSize != null || oomKillDisable)) {
            throw usage.error("--ulimit, --shm-size and --oom-kill-disable are set at"
                    + " create; update cannot change them");
        }
        if (!ulimits.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (String u : ulimits) {
                list.add(ulimit(usage, u));
            }
            host.put("Ulimits", list);
        }
        if (shmSize != null) {
            host.put("ShmSize", bytes(usage, "--shm-size", shmSize));
        }
        if (oomKillDisable) {
            host.put("OomKillDisable", true);
        }
        return host;
    }

    /** Docker's RAMInBytes: a number with an optional binary unit (b, k, m, g, t, p; kb, kib alike). */
    static long bytes(Usage usage, String flag, String value) {
        Matcher m = Size.PATTERN.matcher(value);
        if (!m.matches()) {
            throw invalid(usage, flag, value, "invalid size: '" + value + "'");
        }
        if (m.group(3).equalsIgnoreCase("i")) {
            throw invalid(usage, flag, value, "invalid suffix: '" + m.group(2) + m.group(3) + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift)).longValue();
        } catch (ArithmeticException e) {
            throw invalid(usage, flag, value, "invalid size: '" + value + "'");
        }
    }

    private static long integer(Usage usage, String flag, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(usage, flag, value, "strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
        }
    }

    private static Map<String, Object> ulimit(Usage usage, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw invalid(usage, "--ulimit", value, "invalid ulimit argument: " + value);
        }
        String[] limits = value.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw invalid(usage, "--ulimit", value, "too many limit value arguments - " + value.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`");
        }
        long soft = integer(usage, "--ulimit", limits[0]);
        long hard = limits.length == 2 ? integer(usage, "--ulimit", limits[1]) : soft;
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Name", value.substring(0, eq));
        u.put("Soft", soft);
        u.put("Hard", hard);
        return u;
    }

    private static ParameterException invalid(Usage usage, String flag, String value, String why) {
        return usage.error("invalid argument \"" + value + "\" for \"" + flag
                + "\" flag: " + why);
    }
}
