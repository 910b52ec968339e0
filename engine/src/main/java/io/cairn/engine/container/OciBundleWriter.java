package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.Resources;
import io.cairn.engine.image.oci.ExecutionConfig;
import io.cairn.engine.network.RunNetwork;
import io.cairn.engine.runtime.spec.RunOptions;
import io.cairn.engine.runtime.spec.SpecGenerator;
import io.cairn.engine.runtime.spec.SpecJson;
import io.cairn.engine.runtime.spec.apparmor.AppArmor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code config.json} with the OCI spec generator: the container's resolved command,
 * environment, directory and user as the "image" side, its run options (mounts, network,
 * capabilities, security options) as the options side.
 */
public final class OciBundleWriter implements BundleWriter {

    private final SpecGenerator generator;

    public OciBundleWriter(SpecGenerator generator) {
        this.generator = generator;
    }

    @Override
    public void write(ContainerRecord c, Path rootfs, Path bundle, List<ResolvedMount> mounts) throws IOException {
        write(c, rootfs, bundle, mounts, c.config().network().equals("host")
                ? new RunNetwork(RunNetwork.Mode.HOST, null, List.of()) : RunNetwork.none());
    }

    @Override
    public void write(ContainerRecord c, Path rootfs, Path bundle, List<ResolvedMount> mounts, RunNetwork net)
            throws IOException {
        ContainerConfig cc = c.config();
        ExecutionConfig image = ExecutionConfig.empty().toBuilder().entrypoint(cc.entrypoint()).cmd(cc.cmd())
                .env(cc.env()).workingDir(cc.workingDir()).user(cc.user()).build();
        List<RunOptions.MountRequest> requests = new ArrayList<>();
        for (ResolvedMount m : mounts) {
            requests.add(switch (m.type()) {
                case "bind" -> new RunOptions.Bind(m.source(), m.target(), m.readOnly());
                case "volume" -> new RunOptions.Volume(m.source().getFileName().toString(), m.source(), m.target(), m.readOnly());
                default -> new RunOptions.Tmpfs(m.target(), m.options());
            });
        }
        Resources limits = cc.resources();
        if (limits.shmSize() > 0 && requests.stream().noneMatch(r -> r.destination().equals("/dev/shm"))) {
            // Docker's --shm-size: the default /dev/shm with another size
            requests.add(new RunOptions.Tmpfs("/dev/shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                    "size=" + limits.shmSize())));
        }
        List<RunOptions.Ulimit> ulimits = new ArrayList<>();
        limits.ulimits().forEach(u -> ulimits.add(new RunOptions.Ulimit(u.name(), u.soft(), u.hard())));
        // Docker binds the container's hosts, hostname and resolv.conf over the image's, unless a mount covers them
        String[] targets = {"/etc/hosts", "/etc/hostname", "/etc/resolv.conf"};
        for (int i = 0; i < net.files().size() && i < targets.length; i++) {
            String target = targets[i];
            if (requests.stream().noneMatch(r -> r.destination().equals(target))) {
                requests.add(new RunOptions.Bind(net.files().get(i), target, false));
            }
        }
        RunOptions.Network mode = switch (net.mode()) {
            case HOST -> RunOptions.Network.HOST;
            case PATH -> RunOptions.Network.PATH;
            case NONE -> RunOptions.Network.NONE;
        };
        SecurityOptions security = SecurityOptions.parse(cc.securityOpt());
        RunOptions options = RunOptions.builder().hostname(cc.hostname()).mounts(requests).readOnlyRootfs(cc.readOnly())
                .network(mode).netnsPath(net.netns())
                .capAdd(cc.capAdd()).capDrop(cc.capDrop()).privileged(cc.privileged()).seccomp(security.seccomp())
                .noNewPrivileges(security.noNewPrivileges()).appArmorProfile(security.appArmor()).labels(cc.labels()).stopSignal(cc.stopSignal())
                .ulimits(ulimits).limits(cgroupLimits(limits)).extras(extras(cc.settings())).terminal(cc.tty())
                .consoleSize(consoleSize(cc.settings())).build();
        byte[] json = SpecJson.write(generator.generate(image, options, rootfs, c.id()));
        Path tmp = bundle.resolve("config.json.tmp");
        Files.write(tmp, json);
        Files.move(tmp, bundle.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code HostConfig.ConsoleSize}, when the create gave one (both sizes, checked at create). */
    private static io.cairn.engine.runtime.spec.Process.ConsoleSize consoleSize(io.cairn.engine.event.ContainerSettings s) {
        return s.consoleHeight() > 0 && s.consoleWidth() > 0
                ? new io.cairn.engine.runtime.spec.Process.ConsoleSize(s.consoleHeight(), s.consoleWidth()) : null;
    }

    static RunOptions.CgroupLimits cgroupLimits(Resources r) {
        return new RunOptions.CgroupLimits(r.memory(), r.memorySwap(), r.memoryReservation(), r.oomKillDisable(),
                r.nanoCpus(), r.cpuShares(), r.cpusetCpus(), r.pidsLimit());
    }

    /** {@code --init}, {@code --group-add}, {@code --device} (read from the host now) and {@code --sysctl}. */
    private static RunOptions.Extras extras(io.cairn.engine.event.ContainerSettings s) {
        List<RunOptions.HostDevice> devices = new ArrayList<>();
        for (io.cairn.engine.event.DeviceMapping d : s.devices()) {
            Devices.Node n = Devices.node(d);
            devices.add(new RunOptions.HostDevice(new io.cairn.engine.runtime.spec.Linux.Device(d.pathInContainer(),
                    String.valueOf(n.type()), n.major(), n.minor(), n.fileMode(), n.uid(), n.gid()), d.cgroupPermissions()));
        }
        return new RunOptions.Extras(s.init() ? InitBinary.require() : null, s.groupAdd(), devices, s.sysctls());
    }

    /** {@code --security-opt} values Cairn knows. */
    record SecurityOptions(RunOptions.SeccompMode seccomp, boolean noNewPrivileges, String appArmor) {

        static SecurityOptions parse(List<String> options) {
            RunOptions.SeccompMode seccomp = new RunOptions.SeccompMode.Default();
            boolean nnp = false;
            String appArmor = null;
            for (String o : options) {
                if (o.equals("no-new-privileges") || o.equals("no-new-privileges:true") || o.equals("no-new-privileges=true")) {
                    nnp = true;
                } else if (o.equals("no-new-privileges:false") || o.equals("no-new-privileges=false")) {
                    nnp = false;
                } else if (o.startsWith("seccomp=") || o.startsWith("seccomp:")) {
                    String v = o.substring(8);
                    if (v.equals("unconfined")) {
                        seccomp = new RunOptions.SeccompMode.Unconfined();
                    } else {
                        Path file = Path.of(v);
                        if (!Files.isRegularFile(file)) {
                            throw new InvalidArgumentException("--security-opt " + o + ": no such seccomp profile file " + v);
                        }
                        seccomp = new RunOptions.SeccompMode.Profile(file.toAbsolutePath());
                    }
                } else if (o.startsWith("apparmor=") || o.startsWith("apparmor:")) {
                    appArmor = o.substring(9);
                    if (!appArmor.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
                        throw new InvalidArgumentException("--security-opt " + o + ": invalid AppArmor profile name");
                    }
                    if (!appArmor.equals("unconfined") && !AppArmor.enabled()) {
                        throw new InvalidArgumentException("--security-opt " + o + ": this host's kernel has no AppArmor"
                                + " (/sys/module/apparmor/parameters/enabled), so no profile can be applied");
                    }
                } else {
                    throw new InvalidArgumentException("invalid --security-opt: " + o
                            + " (Cairn knows seccomp=unconfined|FILE, apparmor=unconfined|PROFILE and no-new-privileges)");
                }
            }
            return new SecurityOptions(seccomp, nnp, appArmor);
        }
    }
}
