package io.cairn.engine.runtime.spec;

import io.cairn.engine.runtime.spec.seccomp.Seccomp;
import java.util.List;
import java.util.Map;

/**
 * The {@code linux} section of config.json.
 *
 * @param namespaces    namespaces to create (no {@code path}: new ones)
 * @param devices       device nodes to create besides the runtime's defaults (null, zero, full,
 *                      random, urandom, tty, ptmx), which the runtime always creates
 * @param resources     the device cgroup rules (limits come in a later issue)
 * @param cgroupsPath   the container's cgroup, relative to the cgroup roots
 * @param sysctl        kernel parameters set in the container's namespaces
 * @param seccomp       the syscall filter, or {@code null} for none ({@code unconfined}, {@code --privileged})
 * @param maskedPaths   paths hidden from the container (a /dev/null or empty tmpfs over them)
 * @param readonlyPaths paths remounted read-only
 */
public record Linux(
        List<Namespace> namespaces,
        List<Device> devices,
        Resources resources,
        String cgroupsPath,
        Map<String, String> sysctl,
        Seccomp seccomp,
        List<String> maskedPaths,
        List<String> readonlyPaths) {

    public Linux {
        namespaces = List.copyOf(namespaces);
        devices = List.copyOf(devices);
        sysctl = Map.copyOf(sysctl);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
    }

    /** A namespace by its OCI type name: {@code pid}, {@code network}, {@code mount}, {@code ipc}, {@code uts}, {@code cgroup}. */
    public record Namespace(String type, String path) {
        /** A new namespace of {@code type}. */
        public Namespace(String type) {
            this(type, null);
        }
    }

    /** A device node to create: {@code type} {@code c} or {@code b}; {@code fileMode} its permission bits. */
    public record Device(String path, String type, long major, long minor, int fileMode, long uid, long gid) {
    }

    /**
     * Cgroup resources: the device rules, and the limits asked for ({@code null} sections are left
     * out of config.json: no limit).
     */
    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
        public Resources {
            devices = List.copyOf(devices);
        }

        public Resources(List<DeviceRule> devices) {
            this(devices, null, null, null);
        }
    }

    /** OCI {@code linux.resources.memory}, bytes; {@code null} fields are not set. */
    public record Memory(Long limit, Long reservation, Long swap, Boolean disableOOMKiller) {
    }

    /** OCI {@code linux.resources.cpu}: {@code quota} µs per {@code period} µs, {@code shares}, {@code cpus} a cpuset list. */
    public record Cpu(Long shares, Long quota, Long period, String cpus) {
    }

    /** OCI {@code linux.resources.pids}. */
    public record Pids(long limit) {
    }

    /**
     * A device cgroup rule. {@code type}, {@code major} and {@code minor} are {@code null} for
     * "any" ({@code a *:*}); {@code access} is a subset of {@code rwm}.
     */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }
}
