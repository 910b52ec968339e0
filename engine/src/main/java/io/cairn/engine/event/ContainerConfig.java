package io.cairn.engine.event;

import java.util.List;
import java.util.Map;

/**
 * What {@code create} was given, resolved against the image where Docker resolves it at create
 * time. Immutable once created. {@code entrypoint} and {@code cmd} are the effective ones (image
 * values unless overridden); {@code env} is image env + overrides. {@link ContainerCreated} carries it,
 * so its components are part of the journal format (see {@link EventTypes}).
 */
public record ContainerConfig(String image, List<String> entrypoint, List<String> cmd, List<String> env,
                              String workingDir, String user, String hostname, Map<String, String> labels,
                              List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                              List<String> capDrop, boolean privileged, List<String> securityOpt,
                              String stopSignal, boolean autoRemove, NetworkOptions net) {
    public ContainerConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        securityOpt = List.copyOf(securityOpt);
        net = net == null ? NetworkOptions.none() : net;
    }

    /** A config without network options (ports, DNS, hosts): what a create before networks journaled. */
    public ContainerConfig(String image, List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                           String user, String hostname, Map<String, String> labels, List<MountSpec> mounts,
                           boolean readOnly, String network, List<String> capAdd, List<String> capDrop,
                           boolean privileged, List<String> securityOpt, String stopSignal, boolean autoRemove) {
        this(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd, capDrop,
                privileged, securityOpt, stopSignal, autoRemove, NetworkOptions.none());
    }

    /** The same config with other network options. */
    public ContainerConfig withNet(NetworkOptions options) {
        return new ContainerConfig(image, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly,
                network, capAdd, capDrop, privileged, securityOpt, stopSignal, autoRemove, options);
    }

    /** The process's argv: entrypoint then cmd. */
    public List<String> argv() {
        var argv = new java.util.ArrayList<>(entrypoint);
        argv.addAll(cmd);
        return argv;
    }
}
