package io.cairn.engine.runtime.spec;

import io.cairn.engine.runtime.spec.apparmor.AppArmor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@link Host} read from this Linux machine's /proc, /sys and /dev. */
public final class LinuxHost implements Host {

    /** Loaded once, at the first spec that needs it (apparmor_parser takes a moment). */
    private volatile Optional<String> appArmorDefault;

    /** /proc/self/limits row titles → OCI rlimit names. */
    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"),
            Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"),
            Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"),
            Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"),
            Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"),
            Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"),
            Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"),
            Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"),
            Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    /** Directories of /dev Docker leaves out of a privileged container's device list (the runtime mounts them). */
    private static final Set<String> SKIPPED_DEV_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    /**
     * iproute2's ip, else a static busybox (which runs its {@code ip} applet because the hook's
     * argv[0] is {@code ip}); install-deps.sh installs busybox-static.
     */
    private static final List<Path> IP_CANDIDATES = List.of(
            Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"), Path.of("/bin/ip"),
            Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    @Override
    public Map<String, Long> hardLimits() {
        return parseLimits(read(Path.of("/proc/self/limits")));
    }

    /** Parses /proc/PID/limits: the hard limit is the third column ({@code unlimited} → {@link #UNLIMITED}). */
    static Map<String, Long> parseLimits(String text) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            for (Map.Entry<String, String> e : LIMIT_NAMES.entrySet()) {
                if (line.startsWith(e.getKey() + " ")) {
                    String[] cols = line.substring(e.getKey().length()).trim().split("\\s+");
                    if (cols.length >= 2) {
                        out.put(e.getValue(), cols[1].equals("unlimited") ? UNLIMITED : Long.parseLong(cols[1]));
                    }
                }
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public int lastCap() {
        return Integer.parseInt(read(Path.of("/proc/sys/kernel/cap_last_cap")).trim());
    }

    @Override
    public long boundingSet() {
        for (String line : read(Path.of("/proc/self/status")).split("\n")) {
            if (line.startsWith("CapBnd:")) {
                return Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        }
        return -1L;
    }

    @Override
    public boolean cgroupV2() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    }

    @Override
    public String kernelRelease() {
        return read(Path.of("/proc/sys/kernel/osrelease")).trim();
    }

    @Override
    public List<Linux.Device> devices() {
        List<Linux.Device> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("/dev"))) {
            walk.filter(p -> !skipped(p)).forEach(p -> device(p).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the host's /dev", e);
        }
        out.sort(Comparator.comparing(Linux.Device::path));
        return List.copyOf(out);
    }

    private static boolean skipped(Path p) {
        if (p.getNameCount() < 2) {
            return false;
        }
        String first = p.getName(1).toString();
        return SKIPPED_DEV_DIRS.contains(first) || p.toString().equals("/dev/console") || p.toString().equals("/dev/ptmx");
    }

    private static Optional<Linux.Device> device(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int fmt = mode & 0170000;
            String type = fmt == 0020000 ? "c" : fmt == 0060000 ? "b" : null;
            if (type == null) {
                return Optional.empty();
            }
            long rdev = (Long) a.get("rdev");
            // glibc's gnu_dev_major/minor: the encoding splits both numbers across the 64-bit value.
            long major = ((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL);
            long minor = ((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL);
            return Optional.of(new Linux.Device(p.toString(), type, major, minor, mode & 07777,
                    ((Integer) a.get("uid")).longValue(), ((Integer) a.get("gid")).longValue()));
        } catch (IOException e) {
            return Optional.empty(); // gone meanwhile or unreadable: Docker skips such entries too
        }
    }

    @Override
    public Optional<Path> ipCommand() {
        return IP_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Reads a /proc or /sys file to its end. Not {@code Files.readString}: procfs reports size 0 and
     * the JDK's sized read then returned a truncated value here ("4" for cap_last_cap's "40").
     */
    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public boolean appArmor() {
        return AppArmor.enabled();
    }

    @Override
    public Optional<String> appArmorDefault() {
        Optional<String> loaded = appArmorDefault;
        if (loaded == null) {
            synchronized (this) {
                if (appArmorDefault == null) {
                    appArmorDefault = AppArmor.loadDefault();
                }
                loaded = appArmorDefault;
            }
        }
        return loaded;
    }
}
