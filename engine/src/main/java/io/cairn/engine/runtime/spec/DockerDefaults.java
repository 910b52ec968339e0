package io.cairn.engine.runtime.spec;

import java.util.List;

/**
 * Docker's isolation defaults for Linux containers (moby {@code oci/defaults.go} and
 * {@code daemon/oci_linux.go}), the values every generated spec starts from.
 */
public final class DockerDefaults {

    private DockerDefaults() {
    }

    /** /proc and /sys entries hidden from the container (Docker API 1.48's list). */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");

    /** /proc entries remounted read-only. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** /dev/shm's size: 64 MiB, Docker's {@code --shm-size} default. */
    public static final String SHM_SIZE = "size=65536k";

    /**
     * The mounts every container gets, before the user's: /proc, a tmpfs /dev, /dev/pts, /dev/shm,
     * /dev/mqueue, a read-only /sys and /sys/fs/cgroup (read-write when {@code privileged}).
     */
    public static List<Mount> mounts(boolean privileged) {
        String sysMode = privileged ? "rw" : "ro";
        return List.of(
                new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/sys", "sysfs", "sysfs", List.of(sysMode, "nosuid", "noexec", "nodev")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of(sysMode, "nosuid", "noexec", "nodev")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", SHM_SIZE)));
    }

    /**
     * The device cgroup rules of an unprivileged container: deny everything, then allow the
     * standard nodes (zero, null, urandom, random, tty, console) and deny fuse (10:229). runc
     * appends its own allow rules for the nodes it creates (full, ptmx, /dev/pts/*) and for mknod.
     */
    public static List<Linux.DeviceRule> deviceRules() {
        return List.of(
                new Linux.DeviceRule(false, null, null, null, "rwm"),
                new Linux.DeviceRule(true, "c", 1L, 5L, "rwm"),
                new Linux.DeviceRule(true, "c", 1L, 3L, "rwm"),
                new Linux.DeviceRule(true, "c", 1L, 9L, "rwm"),
                new Linux.DeviceRule(true, "c", 1L, 8L, "rwm"),
                new Linux.DeviceRule(true, "c", 5L, 0L, "rwm"),
                new Linux.DeviceRule(true, "c", 5L, 1L, "rwm"),
                new Linux.DeviceRule(false, "c", 10L, 229L, "rwm"));
    }

    /** A privileged container's rule: every device, read, write and mknod. */
    public static List<Linux.DeviceRule> privilegedDeviceRules() {
        return List.of(new Linux.DeviceRule(true, null, null, null, "rwm"));
    }
}
