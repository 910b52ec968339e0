package io.cairn.engine.runtime.spec;

import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.oci.ExecutionConfig;
import io.cairn.engine.runtime.spec.seccomp.DockerParity;
import io.cairn.engine.runtime.spec.seccomp.Profile;
import io.cairn.engine.runtime.spec.seccomp.ProfileReader;
import io.cairn.engine.runtime.spec.seccomp.Seccomp;
import io.cairn.engine.runtime.spec.seccomp.SeccompTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Generates a container's OCI runtime spec from its image's config and the run options, with
 * Docker's isolation defaults (see {@link DockerDefaults}, {@link CapabilitySet#DOCKER_DEFAULT})
 * and the default seccomp profile of DESIGN.md.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li><b>Loopback.</b> runc creates the network namespace but configures nothing in it, so its
 *       {@code lo} would be down. For {@code --network none} the spec carries a
 *       {@code createContainer} hook, {@code ip link set lo up}: runc runs it inside the new
 *       namespaces before the root is pivoted, so the host's {@code ip} binary is used and the
 *       image needs none — as Docker's "none" network, whose sandbox has loopback up.</li>
 *   <li><b>rlimits.</b> Docker leaves them inherited; Cairn sets {@code RLIMIT_NOFILE} to the
 *       host's hard limit (soft = hard), which is what a Docker container gets from
 *       containerd's unlimited service limit and what Podman asks for, clamped so that runc never
 *       needs CAP_SYS_RESOURCE. Explicit ulimits above the host's hard limit are refused.</li>
 *   <li><b>Seccomp.</b> The default is the containers-common profile translated for the granted
 *       bounding set and architecture, then {@link DockerParity} (namespace and mount syscalls
 *       need CAP_SYS_ADMIN, as in Docker). {@code --privileged} and {@code unconfined}: none.</li>
 *   <li><b>AppArmor.</b> Where the kernel has it, Docker's {@code docker-default} rules as
 *       {@code cairn-default} ({@link io.cairn.engine.runtime.spec.apparmor.AppArmorProfile}), loaded at
 *       the daemon's first container; {@code apparmor=unconfined} and {@code --privileged}: none. A
 *       kernel without AppArmor gets no profile, and {@code apparmor=NAME} is refused there.</li>
 *   <li><b>Privileged.</b> All capabilities, every host device, no masked or read-only paths,
 *       read-write /sys and /sys/fs/cgroup, no seccomp.</li>
 * </ul>
 * Thread-safe; the default profile is read once.
 */
public final class SpecGenerator {

    /** Where Debian's golang-github-containers-common puts the default profile. */
    public static final Path CONTAINERS_SECCOMP = Path.of("/usr/share/containers/seccomp.json");

    /** The annotation that carries the stop signal (OCI image-spec, conversion.md). */
    public static final String STOP_SIGNAL_ANNOTATION = "org.opencontainers.image.stopSignal";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})?");
    private static final Map<String, String> ULIMIT_NAMES = Map.ofEntries(
            Map.entry("core", "RLIMIT_CORE"), Map.entry("cpu", "RLIMIT_CPU"), Map.entry("data", "RLIMIT_DATA"),
            Map.entry("fsize", "RLIMIT_FSIZE"), Map.entry("locks", "RLIMIT_LOCKS"),
            Map.entry("memlock", "RLIMIT_MEMLOCK"), Map.entry("msgqueue", "RLIMIT_MSGQUEUE"),
            Map.entry("nice", "RLIMIT_NICE"), Map.entry("nofile", "RLIMIT_NOFILE"),
            Map.entry("nproc", "RLIMIT_NPROC"), Map.entry("rss", "RLIMIT_RSS"),
            Map.entry("rtprio", "RLIMIT_RTPRIO"), Map.entry("rttime", "RLIMIT_RTTIME"),
            Map.entry("sigpending", "RLIMIT_SIGPENDING"), Map.entry("stack", "RLIMIT_STACK"));

    private final Host host;
    private final Path defaultProfile;
    private final SeccompTranslator translator;
    private final String goArch;
    private volatile Profile cachedDefault;

    /**
     * @param host           the host facts (limits, capabilities, devices, cgroup version)
     * @param defaultProfile the containers-format profile used by default
     * @param goArch         the native architecture by Go name (see {@link SeccompTranslator#goArch()})
     */
    public SpecGenerator(Host host, Path defaultProfile, String goArch) {
        this.host = host;
        this.defaultProfile = defaultProfile;
        this.translator = new SeccompTranslator(goArch, host.kernelRelease());
        this.goArch = goArch;
    }

    /** A generator for this machine, with Debian's containers-common profile. */
    public static SpecGenerator forThisHost() {
        return new SpecGenerator(new LinuxHost(), CONTAINERS_SECCOMP, SeccompTranslator.goArch());
    }

    /**
     * The spec of container {@code containerId} (lower-case hex, 12 to 64 digits) whose root
     * filesystem is mounted at {@code rootfs}; the user is resolved against that rootfs's files.
     *
     * @throws InvalidArgumentException for bad options or an unknown user or group, naming them
     * @throws EngineFailureException   when the host lacks what the spec needs (the default
     *                                  seccomp profile, an {@code ip} binary for {@code --network none})
     */
    public Spec generate(ExecutionConfig image, RunOptions opts, Path rootfs, String containerId) {
        ExecutionConfig img = image == null ? ExecutionConfig.empty() : image;
        if (containerId == null || !ID.matcher(containerId).matches()) {
            throw new InvalidArgumentException("invalid container ID \"" + containerId + "\": expected 12 to 64 lower-case hex digits");
        }
        if (!rootfs.isAbsolute()) {
            throw new InvalidArgumentException("container root filesystem " + rootfs + " is not an absolute path");
        }
        String hostname = opts.hostname() == null || opts.hostname().isEmpty()
                ? containerId.substring(0, 12) : checkHostname(opts.hostname());

        CapabilitySet caps = CapabilitySet.tweak(CapabilitySet.DOCKER_DEFAULT, opts.capAdd(), opts.capDrop(),
                opts.privileged(), host.lastCap()).within(host.boundingSet());
        String userSpec = opts.user() != null ? opts.user() : img.user();
        ResolvedUser user = new UserResolver(rootfs).resolve(userSpec);
        List<String> args = CommandLine.args(img.entrypoint(), img.cmd(), opts.entrypoint(), opts.cmd());
        RunOptions.Extras extras = opts.extras();
        if (extras.init() != null) {
            List<String> withInit = new ArrayList<>(List.of(RunOptions.Extras.INIT_PATH, "--"));
            withInit.addAll(args);
            args = withInit;
        }
        List<Long> gids = new ArrayList<>(user.additionalGids());
        UserResolver groups = new UserResolver(rootfs);
        for (String g : extras.groupAdd()) {
            long gid = groups.groupId(g);
            if (!gids.contains(gid)) {
                gids.add(gid);
            }
        }
        List<String> env = Environment.build(img.env(), opts.env(), hostname, user.home());

        List<String> names = caps.names();
        Process process = new Process(opts.terminal(),
                new Process.User(user.uid(), user.gid(), gids),
                args, env, workdir(opts.workdir() != null ? opts.workdir() : img.workingDir()),
                new Process.Capabilities(names, names, List.of(), names, List.of()),
                rlimits(opts.ulimits()), opts.noNewPrivileges(), appArmor(opts),
                opts.terminal() ? opts.consoleSize() : null);

        List<RunOptions.MountRequest> requests = new ArrayList<>(opts.mounts());
        if (extras.init() != null) {
            requests.add(new RunOptions.Bind(extras.init(), RunOptions.Extras.INIT_PATH, true));
        }
        List<Mount> mounts = MountPlanner.plan(DockerDefaults.mounts(opts.privileged()), requests);

        List<Linux.Namespace> namespaces = new ArrayList<>();
        namespaces.add(new Linux.Namespace("mount"));
        if (opts.network() == RunOptions.Network.NONE) {
            namespaces.add(new Linux.Namespace("network"));
        } else if (opts.network() == RunOptions.Network.PATH) {
            namespaces.add(new Linux.Namespace("network", opts.netnsPath().toString()));
        }
        namespaces.add(new Linux.Namespace("uts"));
        namespaces.add(new Linux.Namespace("pid"));
        namespaces.add(new Linux.Namespace("ipc"));
        if (host.cgroupV2()) {
            namespaces.add(new Linux.Namespace("cgroup"));
        }

        Map<String, String> sysctl = new LinkedHashMap<>();
        Spec.Hooks hooks = null;
        if (opts.network() == RunOptions.Network.NONE) {
            // Docker 20.10+: in a private network namespace, any uid may bind low ports and ping.
            sysctl.put("net.ipv4.ip_unprivileged_port_start", "0");
            sysctl.put("net.ipv4.ping_group_range", "0 2147483647");
            Path ip = host.ipCommand().orElseThrow(() -> new EngineFailureException(
                    "no ip command on this host to bring up the loopback of --network none (install iproute2)"));
            hooks = new Spec.Hooks(List.of(new Spec.Hook(ip.toString(), List.of("ip", "link", "set", "lo", "up"))));
        } else if (opts.network() == RunOptions.Network.PATH) {
            // a namespace of its own too (netavark brought its loopback up): Docker's sysctls apply
            sysctl.put("net.ipv4.ip_unprivileged_port_start", "0");
            sysctl.put("net.ipv4.ping_group_range", "0 2147483647");
        }

        sysctl.putAll(extras.sysctls());
        List<Linux.Device> devices = new ArrayList<>(opts.privileged() ? host.devices() : List.of());
        List<Linux.DeviceRule> rules = new ArrayList<>(opts.privileged() ? DockerDefaults.privilegedDeviceRules()
                : DockerDefaults.deviceRules());
        for (RunOptions.HostDevice d : extras.devices()) {
            devices.removeIf(existing -> existing.path().equals(d.node().path()));
            devices.add(d.node());
            rules.add(new Linux.DeviceRule(true, d.node().type(), d.node().major(), d.node().minor(), d.access()));
        }
        Linux linux = new Linux(namespaces,
                devices,
                CgroupResources.of(rules, opts.limits()),
                io.cairn.engine.runtime.cgroup.ContainerCgroup.cgroupsPath(containerId),
                sysctl,
                seccomp(opts, caps),
                opts.privileged() ? List.of() : DockerDefaults.MASKED_PATHS,
                opts.privileged() ? List.of() : DockerDefaults.READONLY_PATHS);

        Map<String, String> annotations = new LinkedHashMap<>(opts.labels());
        String stop = opts.stopSignal() != null ? opts.stopSignal() : img.stopSignal();
        if (stop != null && !stop.isEmpty()) {
            annotations.put(STOP_SIGNAL_ANNOTATION, Signals.name(Signals.number(stop)));
        }
        return new Spec(Spec.OCI_VERSION, process, new Spec.Root(rootfs.toString(), opts.readOnlyRootfs()),
                hostname, mounts, hooks, annotations, linux);
    }

    /**
     * Docker's choice: an explicit {@code apparmor=NAME} wins; {@code unconfined} and
     * {@code --privileged} get none; otherwise the host's default profile, if it has AppArmor.
     */
    private String appArmor(RunOptions opts) {
        String asked = opts.appArmorProfile();
        if (asked != null && !asked.isEmpty()) {
            if (asked.equals("unconfined")) {
                return null;
            }
            if (!host.appArmor()) {
                throw new InvalidArgumentException("--security-opt apparmor=" + asked
                        + ": this host's kernel has no AppArmor (see /sys/module/apparmor/parameters/enabled)");
            }
            return asked;
        }
        return opts.privileged() ? null : host.appArmorDefault().orElse(null);
    }

    private Seccomp seccomp(RunOptions opts, CapabilitySet caps) {
        if (opts.privileged()) {
            return null;
        }
        RunOptions.SeccompMode mode = opts.seccomp();
        if (mode instanceof RunOptions.SeccompMode.Unconfined) {
            return null;
        }
        if (mode instanceof RunOptions.SeccompMode.Profile p) {
            return translator.translate(ProfileReader.read(p.file()), caps::contains);
        }
        return DockerParity.apply(translator.translate(defaultProfile(), caps::contains), caps::contains, goArch);
    }

    private Profile defaultProfile() {
        Profile p = cachedDefault;
        if (p == null) {
            if (!Files.isRegularFile(defaultProfile)) {
                throw new EngineFailureException("the default seccomp profile " + defaultProfile
                        + " is missing (install golang-github-containers-common, or run with --security-opt seccomp=unconfined)");
            }
            p = ProfileReader.read(defaultProfile);
            cachedDefault = p;
        }
        return p;
    }

    private List<Process.Rlimit> rlimits(List<RunOptions.Ulimit> ulimits) {
        Map<String, Long> hard = host.hardLimits();
        Map<String, Process.Rlimit> out = new LinkedHashMap<>();
        Long nofile = hard.get("RLIMIT_NOFILE");
        if (nofile != null && nofile != Host.UNLIMITED) {
            out.put("RLIMIT_NOFILE", new Process.Rlimit("RLIMIT_NOFILE", nofile, nofile));
        }
        for (RunOptions.Ulimit u : ulimits) {
            String type = ULIMIT_NAMES.get(u.name().toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new InvalidArgumentException("invalid ulimit name \"" + u.name() + "\"");
            }
            if (u.soft() < 0 || u.hard() < 0 || u.soft() > u.hard()) {
                throw new InvalidArgumentException("invalid ulimit " + u.name() + "=" + u.soft() + ":" + u.hard()
                        + ": soft must be between 0 and hard");
            }
            long max = hard.getOrDefault(type, Host.UNLIMITED);
            if (u.hard() > max) {
                throw new InvalidArgumentException("ulimit " + u.name() + "=" + u.soft() + ":" + u.hard()
                        + " exceeds this host's hard limit " + max + " (raising it needs CAP_SYS_RESOURCE)");
            }
            out.put(type, new Process.Rlimit(type, u.soft(), u.hard()));
        }
        return List.copyOf(out.values());
    }

    private static String workdir(String dir) {
        if (dir == null || dir.isEmpty()) {
            return "/";
        }
        if (!dir.startsWith("/")) {
            throw new InvalidArgumentException("the working directory \"" + dir + "\" is invalid: it must be an absolute path");
        }
        return Path.of(dir).normalize().toString();
    }

    private static String checkHostname(String h) {
        if (!HOSTNAME.matcher(h).matches()) {
            throw new InvalidArgumentException("invalid hostname \"" + h
                    + "\": letters, digits, '.' and '-', at most 64 characters, starting with a letter or digit");
        }
        return h;
    }
}
