package io.cairn.engine.daemon.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keys of dockerd's daemon.json that Cairn does not implement: refused with a reason rather than
 * accepted and ignored (an operator who copies Docker's file learns what does not carry over).
 */
final class DockerKeys {

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("default-ulimits", "daemon-wide default ulimits are not implemented; give each container"
                    + " --ulimit"),
            Map.entry("debug", "not a Cairn key; write \"log-level\": \"debug\""),
            Map.entry("storage-driver", "Cairn has one storage driver, overlay"),
            Map.entry("storage-opts", "Cairn's overlay driver takes no options"),
            Map.entry("hosts", "Cairn listens on <root>/cairn.sock only"),
            Map.entry("default-runtime", "not a Cairn key; write \"runtime\": \"BINARY\""),
            Map.entry("runtimes", "Cairn runs one OCI runtime; write \"runtime\": \"BINARY\""),
            Map.entry("live-restore", "containers always keep running while the daemon is stopped; there is nothing"
                    + " to set"),
            Map.entry("exec-root", "Cairn keeps its runtime state under the root"),
            Map.entry("log-driver", "Cairn has one container log driver, json-file"));

    /** dockerd keys without a particular reason: Cairn does not implement the setting. */
    private static final Set<String> OTHERS = Set.of("allow-nondistributable-artifacts", "api-cors-header",
            "authorization-plugins", "bip", "builder", "cgroup-parent", "cluster-advertise", "cluster-store",
            "cluster-store-opts", "containerd", "containerd-namespace", "containerd-plugin-namespace",
            "cpu-rt-period", "cpu-rt-runtime", "cri-containerd", "default-address-pools", "default-cgroupns-mode",
            "default-gateway", "default-gateway-v6", "default-ipc-mode", "default-shm-size", "dns", "dns-opts",
            "dns-search", "exec-opts", "experimental", "features", "fixed-cidr", "fixed-cidr-v6", "host-gateway-ip",
            "icc", "init", "init-path", "insecure-skip-verify", "ip", "ip-forward", "ip-masq", "ip6tables",
            "iptables", "ipv6", "labels", "log-format", "log-opts", "max-concurrent-downloads",
            "max-concurrent-uploads", "max-download-attempts", "metrics-addr", "mtu", "no-new-privileges",
            "node-generic-resources", "oom-score-adjust", "pidfile", "raw-logs", "seccomp-profile",
            "selinux-enabled", "shutdown-timeout", "swarm-default-advertise-addr", "tls", "tlscacert", "tlscert",
            "tlskey", "tlsverify", "userland-proxy", "userland-proxy-path", "userns-remap");

    private DockerKeys() {
    }

    /** Why dockerd's key {@code key} is refused here; empty when dockerd has no such key. */
    static Optional<String> why(String key) {
        if (REASONS.containsKey(key)) {
            return Optional.of(REASONS.get(key));
        }
        return OTHERS.contains(key) ? Optional.of("a dockerd setting Cairn does not implement") : Optional.empty();
    }
}
