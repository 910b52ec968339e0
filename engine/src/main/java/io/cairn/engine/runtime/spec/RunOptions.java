package io.cairn.engine.runtime.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code cairn create/run} asks for on top of the image's config. Every field is optional:
 * {@code null} (or an empty list/map) means "the image's value, else Docker's default".
 *
 * @param cmd             replaces the image's Cmd when non-empty ({@code IMAGE [CMD…]})
 * @param entrypoint      {@code --entrypoint}: {@code null} keeps the image's; {@code ""} clears it;
 *                        otherwise one executable. Giving it also drops the image's Cmd, as Docker does
 * @param env             {@code -e}/{@code --env-file} entries, already merged by the caller, {@code KEY=value};
 *                        they override the image's Env key by key
 * @param workdir         {@code -w}, absolute
 * @param user            {@code -u USER[:GROUP]}, names or numbers, resolved in the container's rootfs
 * @param hostname        {@code -h}; default the short container ID
 * @param mounts          {@code -v}, {@code --mount}, {@code --tmpfs}, in command-line order
 * @param readOnlyRootfs  {@code --read-only}
 * @param network         {@code --network}
 * @param capAdd          {@code --cap-add} names, with or without {@code CAP_}, or {@code ALL}
 * @param capDrop         {@code --cap-drop} names, with or without {@code CAP_}, or {@code ALL}
 * @param privileged      {@code --privileged}
 * @param seccomp         {@code --security-opt seccomp=…}
 * @param noNewPrivileges {@code --security-opt no-new-privileges}
 * @param labels          {@code -l}: become annotations
 * @param stopSignal      overrides the image's StopSignal ({@code SIGTERM}, {@code TERM} or a number)
 * @param ulimits         explicit limits ({@code --ulimit}, a later issue); none may exceed the host's hard limit
 * @param limits          the cgroup limits ({@link CgroupLimits#NONE}: none)
 * @param netnsPath       with {@link Network#PATH}: the network namespace to join (a bind-mounted one, or another
 *                        container's {@code /proc/PID/ns/net})
 * @param appArmorProfile {@code --security-opt apparmor=…}: {@code null} for the host's default
 *                        profile (none on a kernel without AppArmor), {@code unconfined}, or a loaded profile's name
 * @param terminal        {@code -t}: the process gets a pseudo-terminal (the runtime's console socket)
 * @param consoleSize     with {@code terminal}: its size at start ({@code HostConfig.ConsoleSize}), {@code null} for
 *                        the runtime's default
 */
public record RunOptions(
        List<String> cmd,
        String entrypoint,
        List<String> env,
        String workdir,
        String user,
        String hostname,
        List<MountRequest> mounts,
        boolean readOnlyRootfs,
        Network network,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        SeccompMode seccomp,
        boolean noNewPrivileges,
        Map<String, String> labels,
        String stopSignal,
        List<Ulimit> ulimits,
        String appArmorProfile,
        CgroupLimits limits,
        Extras extras,
        boolean terminal,
        Path netnsPath,
        Process.ConsoleSize consoleSize) {

    public RunOptions {
        if (network == Network.PATH && netnsPath == null) {
            throw new IllegalArgumentException("network PATH without a namespace path");
        }
        limits = limits == null ? CgroupLimits.NONE : limits;
        extras = extras == null ? Extras.NONE : extras;
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        network = network == null ? Network.NONE : network;
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        seccomp = seccomp == null ? new SeccompMode.Default() : seccomp;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    }

    /** No option given: the image's config with Docker's defaults. */
    public static RunOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code --network}: {@code none} (own namespace, loopback up), {@code host} (the host's), or
     * {@code PATH}: a namespace made and configured before the container ({@link #netnsPath}).
     */
    public enum Network { NONE, HOST, PATH }

    /** A mount request; destinations are absolute paths inside the container. */
    public sealed interface MountRequest permits Bind, Volume, Tmpfs {
        String destination();
    }

    /** {@code -v SRC:DST[:ro]} or {@code --mount type=bind}: {@code source} an absolute host path. */
    public record Bind(Path source, String destination, boolean readOnly) implements MountRequest {
        public Bind {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** A named or anonymous volume, {@code source} being the host directory the caller resolved it to. */
    public record Volume(String name, Path source, String destination, boolean readOnly) implements MountRequest {
        public Volume {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** {@code --tmpfs DST[:OPTS]} or {@code --mount type=tmpfs}: {@code options} as mount(8) takes them. */
    public record Tmpfs(String destination, List<String> options) implements MountRequest {
        public Tmpfs {
            Objects.requireNonNull(destination, "destination");
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /** {@code --security-opt seccomp=…}. */
    public sealed interface SeccompMode permits SeccompMode.Default, SeccompMode.Unconfined, SeccompMode.Profile {
        /** The default profile (DESIGN.md): containers-common's, translated for the granted capabilities. */
        record Default() implements SeccompMode {
        }

        /** {@code seccomp=unconfined}: no filter. */
        record Unconfined() implements SeccompMode {
        }

        /** {@code seccomp=FILE}: a profile in the containers (Docker) format or OCI's. */
        record Profile(Path file) implements SeccompMode {
        }
    }

    /** A resource limit by its Docker name ({@code nofile}, {@code nproc}, …). */
    public record Ulimit(String name, long soft, long hard) {
    }

    /**
     * Docker's memory, CPU and pids limits, in its units (bytes, nano-CPUs, shares); 0 (or empty)
     * is "not set". {@code memorySwap} is memory plus swap, -1 unlimited, 0 Docker's default (twice
     * {@code memory}); {@code pidsLimit} -1 is an explicit "no limit".
     */
    public record CgroupLimits(long memory, long memorySwap, long memoryReservation, boolean oomKillDisable,
                               long nanoCpus, long cpuShares, String cpusetCpus, long pidsLimit) {
        public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, false, 0, 0, "", 0);

        /** Memory plus swap as the cgroup gets it: Docker gives as much swap as memory unless told; 0 without a memory limit. */
        public long effectiveSwap() {
            return memory <= 0 ? 0 : memorySwap == 0 ? 2 * memory : memorySwap;
        }
    }

    /**
     * {@code --init}, {@code --group-add}, {@code --device} and {@code --sysctl}.
     *
     * @param init     the host's init binary ({@code tini}), bind-mounted read-only at {@link #INIT_PATH}
     *                 and run as PID 1 before the command; {@code null} for none
     * @param groupAdd supplementary groups, names resolved in the container's /etc/group
     * @param devices  host device nodes, each with its cgroup allow rule
     * @param sysctls  namespaced kernel parameters, checked by the caller
     */
    public record Extras(Path init, List<String> groupAdd, List<HostDevice> devices, Map<String, String> sysctls) {
        public static final Extras NONE = new Extras(null, List.of(), List.of(), Map.of());
        /** Where Docker puts its init: {@code /sbin/docker-init}. */
        public static final String INIT_PATH = "/sbin/docker-init";

        public Extras {
            groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
            devices = devices == null ? List.of() : List.copyOf(devices);
            sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        }
    }

    /** A host device node at {@code node.path()} in the container, allowed with {@code access} (some of rwm). */
    public record HostDevice(Linux.Device node, String access) {
    }

    /** Builds options field by field; unset fields take their defaults. */
    public static final class Builder {
        private List<String> cmd;
        private String entrypoint;
        private List<String> env;
        private String workdir;
        private String user;
        private String hostname;
        private List<MountRequest> mounts;
        private boolean readOnlyRootfs;
        private Network network;
        private List<String> capAdd;
        private List<String> capDrop;
        private boolean privileged;
        private SeccompMode seccomp;
        private boolean noNewPrivileges;
        private Map<String, String> labels;
        private String stopSignal;
        private List<Ulimit> ulimits;
        private String appArmorProfile;
        private CgroupLimits limits;
        private Extras extras;
        private boolean terminal;
        private Path netnsPath;
        private Process.ConsoleSize consoleSize;

        private Builder() {
        }

        public Builder cmd(List<String> v) { cmd = v; return this; }
        public Builder entrypoint(String v) { entrypoint = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder workdir(String v) { workdir = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder mounts(List<MountRequest> v) { mounts = v; return this; }
        public Builder readOnlyRootfs(boolean v) { readOnlyRootfs = v; return this; }
        public Builder network(Network v) { network = v; return this; }
        public Builder capAdd(List<String> v) { capAdd = v; return this; }
        public Builder capDrop(List<String> v) { capDrop = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder seccomp(SeccompMode v) { seccomp = v; return this; }
        public Builder noNewPrivileges(boolean v) { noNewPrivileges = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder stopSignal(String v) { stopSignal = v; return this; }
        public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
        public Builder appArmorProfile(String v) { appArmorProfile = v; return this; }
        public Builder limits(CgroupLimits v) { limits = v; return this; }
        public Builder extras(Extras v) { extras = v; return this; }
        public Builder terminal(boolean v) { terminal = v; return this; }
        public Builder netnsPath(Path v) { netnsPath = v; return this; }
        public Builder consoleSize(Process.ConsoleSize v) { consoleSize = v; return this; }

        public RunOptions build() {
            return new RunOptions(cmd, entrypoint, env, workdir, user, hostname, mounts, readOnlyRootfs, network,
                    capAdd, capDrop, privileged, seccomp, noNewPrivileges, labels, stopSignal, ulimits,
                    appArmorProfile, limits, extras, terminal, netnsPath, consoleSize);
        }
    }
}
