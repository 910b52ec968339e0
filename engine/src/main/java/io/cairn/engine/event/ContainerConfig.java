package io.cairn.engine.event;

import java.util.List;
import java.util.Map;

/**
 * What {@code create} was given, resolved against the image where Docker resolves it at create
 * time. Immutable once created. {@code entrypoint} and {@code cmd} are the effective ones (image
 * values unless overridden); {@code env} is image env + overrides. {@link ContainerCreated} carries it,
 * so its components are part of the journal format (see {@link EventTypes}); {@code openStdin},
 * {@code stdinOnce} and {@code tty} (Docker's {@code -i}, its attach-once rule, {@code -t}) came
 * later and read as false from older entries.
 */
public record ContainerConfig(String image, List<String> entrypoint, List<String> cmd, List<String> env,
                              String workingDir, String user, String hostname, Map<String, String> labels,
                              List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                              List<String> capDrop, boolean privileged, List<String> securityOpt,
                              String stopSignal, boolean autoRemove, Resources resources, ContainerSettings settings,
                              NetworkOptions net) {
    public ContainerConfig {
        net = net == null ? NetworkOptions.none() : net; // journaled before networks
        resources = resources == null ? Resources.NONE : resources; // journaled before limits existed
        settings = settings == null ? ContainerSettings.defaults() : settings; // or before the later flags
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        securityOpt = List.copyOf(securityOpt);
    }

    /** A config without limits and with {@link ContainerSettings#defaults()} (what callers that predate them build). */
    public ContainerConfig(String image, List<String> entrypoint, List<String> cmd, List<String> env,
                           String workingDir, String user, String hostname, Map<String, String> labels,
                           List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                           List<String> capDrop, boolean privileged, List<String> securityOpt,
                           String stopSignal, boolean autoRemove) {
        this(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd,
                capDrop, privileged, securityOpt, stopSignal, autoRemove, Resources.NONE, null, null);
    }

    /** A config with limits and settings, without network options (ports, DNS, hosts). */
    public ContainerConfig(String image, List<String> entrypoint, List<String> cmd, List<String> env,
                           String workingDir, String user, String hostname, Map<String, String> labels,
                           List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                           List<String> capDrop, boolean privileged, List<String> securityOpt,
                           String stopSignal, boolean autoRemove, Resources resources, ContainerSettings settings) {
        this(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd,
                capDrop, privileged, securityOpt, stopSignal, autoRemove, resources, settings, null);
    }

    /** This config with other limits. */
    public ContainerConfig withResources(Resources r) {
        return new ContainerConfig(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly,
                network, capAdd, capDrop, privileged, securityOpt, stopSignal, autoRemove, r, settings, net);
    }

    /** This config with other settings ({@code update --restart}). */
    public ContainerConfig withSettings(ContainerSettings s) {
        return new ContainerConfig(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly,
                network, capAdd, capDrop, privileged, securityOpt, stopSignal, autoRemove, resources, s, net);
    }

    /** The same config with other network options. */
    public ContainerConfig withNet(NetworkOptions options) {
        return new ContainerConfig(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly,
                network, capAdd, capDrop, privileged, securityOpt, stopSignal, autoRemove, resources, settings, options);
    }

    /** {@code -i}: the process keeps a standard input to attach to ({@code Config.OpenStdin}). */
    public boolean openStdin() {
        return settings.openStdin();
    }

    /** {@code Config.StdinOnce}: the first attach that closes standard input closes it for good (only with {@code -i}). */
    public boolean stdinOnce() {
        return settings.openStdin() && settings.stdinOnce();
    }

    /** {@code -t}: the process runs on a pseudo-terminal ({@code Config.Tty}). */
    public boolean tty() {
        return settings.tty();
    }

    /** The process's argv: entrypoint then cmd. */
    public List<String> argv() {
        var argv = new java.util.ArrayList<>(entrypoint);
        argv.addAll(cmd);
        return argv;
    }
}
