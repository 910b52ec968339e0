package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's rules for a container's limits, checked where a create or an update is decided so that
 * only valid values are journaled: every refusal names the flag ({@code --memory}, …) and the rule,
 * with Docker's wording where Docker has one.
 */
public final class ResourceLimits {

    /** Docker's floor for {@code --memory} and {@code --memory-reservation}: 6 MiB. */
    static final long MIN_MEMORY = 6L * 1024 * 1024;
    /** The kernel's range of {@code cpu.shares} (cgroup v1); Docker clamps to it. */
    static final long MIN_SHARES = 2;
    static final long MAX_SHARES = 262144;
    static final Set<String> ULIMIT_NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private ResourceLimits() {
    }

    /** {@code r} checked and normalised (Docker's clamps), or refused. */
    public static Resources check(Resources r) {
        if (r == null) {
            return Resources.NONE;
        }
        if (r.memory() < 0) {
            throw new InvalidArgumentException("invalid --memory " + r.memory() + ": it cannot be negative");
        }
        if (r.memory() > 0 && r.memory() < MIN_MEMORY) {
            throw new InvalidArgumentException("invalid --memory: Minimum memory limit allowed is 6MB");
        }
        if (r.memorySwap() < -1) {
            throw new InvalidArgumentException("invalid --memory-swap " + r.memorySwap() + ": give -1 for unlimited swap");
        }
        if (r.memorySwap() != 0 && r.memory() == 0) {
            throw new InvalidArgumentException("invalid --memory-swap: You should always set the Memory limit when"
                    + " using Memoryswap limit, see usage");
        }
        if (r.memorySwap() > 0 && r.memorySwap() < r.memory()) {
            throw new InvalidArgumentException("invalid --memory-swap: Minimum memoryswap limit should be larger than"
                    + " memory limit, see usage");
        }
        if (r.memoryReservation() < 0) {
            throw new InvalidArgumentException("invalid --memory-reservation: it cannot be negative");
        }
        if (r.memoryReservation() > 0 && r.memoryReservation() < MIN_MEMORY) {
            throw new InvalidArgumentException("invalid --memory-reservation: Minimum memory reservation allowed is 6MB");
        }
        if (r.memory() > 0 && r.memoryReservation() > r.memory()) {
            throw new InvalidArgumentException("invalid --memory-reservation: Minimum memory limit can not be less than"
                    + " memory reservation limit, see usage");
        }
        int cpus = onlineCpus().cardinality();
        if (r.nanoCpus() < 0 || r.nanoCpus() > cpus * 1_000_000_000L) {
            throw new InvalidArgumentException(String.format(Locale.ROOT, "invalid --cpus: Range of CPUs is from 0.01 to"
                    + " %d.00, as there are only %d CPUs available", cpus, cpus));
        }
        if (r.nanoCpus() > 0 && r.nanoCpus() < 10_000_000L) {
            throw new InvalidArgumentException(String.format(Locale.ROOT, "invalid --cpus: Range of CPUs is from 0.01"
                    + " to %d.00, as there are only %d CPUs available", cpus, cpus));
        }
        if (r.cpuShares() < 0) {
            throw new InvalidArgumentException("invalid --cpu-shares " + r.cpuShares() + ": it cannot be negative");
        }
        long shares = r.cpuShares() == 0 ? 0 : Math.max(MIN_SHARES, Math.min(MAX_SHARES, r.cpuShares()));
        if (!r.cpusetCpus().isEmpty()) {
            BitSet asked = parseCpuList(r.cpusetCpus());
            BitSet missing = (BitSet) asked.clone();
            missing.andNot(onlineCpus());
            if (!missing.isEmpty()) {
                throw new InvalidArgumentException("invalid --cpuset-cpus: Requested CPUs are not available - requested "
                        + r.cpusetCpus() + ", available: " + readOnline());
            }
        }
        // Docker: 0 and anything negative mean "no limit", stored as -1 once set
        long pids = r.pidsLimit() < 0 ? -1 : r.pidsLimit();
        if (r.shmSize() < 0) {
            throw new InvalidArgumentException("invalid --shm-size: SHM size can not be less than 0");
        }
        for (Resources.Ulimit u : r.ulimits()) {
            if (!ULIMIT_NAMES.contains(u.name())) {
                throw new InvalidArgumentException("invalid --ulimit: invalid ulimit type: " + u.name());
            }
            if (u.soft() < 0 || u.hard() < 0) {
                throw new InvalidArgumentException("invalid --ulimit " + u.name() + "=" + u.soft() + ":" + u.hard()
                        + ": limits cannot be negative");
            }
            if (u.soft() > u.hard()) {
                throw new InvalidArgumentException("invalid --ulimit " + u.name() + ": ulimit soft limit must be less"
                        + " than or equal to hard limit: " + u.soft() + " > " + u.hard());
            }
        }
        if (r.oomKillDisable() && Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
            throw new InvalidArgumentException("--oom-kill-disable: this host uses cgroup v2, whose memory controller"
                    + " cannot disable the OOM killer");
        }
        // Docker records the default swap at create: as much swap as memory, memory+swap twice the memory
        long swap = r.memory() > 0 && r.memorySwap() == 0 ? 2 * r.memory() : r.memorySwap();
        return new Resources(r.memory(), swap, r.memoryReservation(), r.nanoCpus(), shares,
                r.cpusetCpus(), pids, r.ulimits(), r.shmSize(), r.oomKillDisable());
    }

    private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    private static String readOnline() {
        try {
            return Files.readString(ONLINE).strip();
        } catch (IOException e) {
            return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        }
    }

    /** The host's online CPUs. */
    static BitSet onlineCpus() {
        return parseCpuList(readOnline());
    }

    /** A cpuset list ({@code 0-2,4}); refused when malformed. */
    static BitSet parseCpuList(String list) {
        BitSet set = new BitSet();
        for (String part : list.split(",", -1)) {
            String[] range = part.split("-", -1);
            try {
                if (range.length == 1) {
                    set.set(Integer.parseInt(range[0].strip()));
                } else if (range.length == 2) {
                    int from = Integer.parseInt(range[0].strip());
                    int to = Integer.parseInt(range[1].strip());
                    if (from > to || to > 8191) {
                        throw new NumberFormatException();
                    }
                    set.set(from, to + 1);
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid --cpuset-cpus \"" + list + "\": Invalid value for cpuset"
                        + " (want a list like 0-3,5)");
            } catch (IndexOutOfBoundsException e) {
                throw new InvalidArgumentException("invalid --cpuset-cpus \"" + list + "\": negative CPU number");
            }
        }
        return set;
    }
}
