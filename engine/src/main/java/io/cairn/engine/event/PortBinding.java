package io.cairn.engine.event;

/**
 * One published port: host {@code hostIp:hostPort} forwards to the container's {@code containerPort}.
 *
 * @param hostIp   the host address, empty for all of them (Docker's {@code 0.0.0.0})
 * @param hostPort the host port; 0 in a request means "an ephemeral one", never in an allocation
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }

    /** Docker's port key, {@code 80/tcp}. */
    public String key() {
        return containerPort + "/" + protocol;
    }
}
