package io.cairn.engine.event;

import java.util.List;

/**
 * The network side of a container's create: published ports and the names and resolvers it sees.
 * A {@link ContainerConfig} journaled before Cairn had networks carries none ({@link #none()}).
 *
 * @param ports      {@code -p}: one binding per port (ranges expanded), host port 0 for an ephemeral one
 * @param publishAll {@code -P}: each of {@code exposed} gets an ephemeral host port
 * @param exposed    the image's EXPOSE plus {@code --expose}, as {@code 80/tcp}
 * @param dns        {@code --dns} servers
 * @param dnsSearch  {@code --dns-search} domains
 * @param dnsOptions {@code --dns-option}s
 * @param extraHosts {@code --add-host NAME:IP} entries ({@code host-gateway} resolved at start)
 */
public record NetworkOptions(List<PortBinding> ports, boolean publishAll, List<String> exposed, List<String> dns,
                             List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts) {
    public NetworkOptions {
        ports = ports == null ? List.of() : List.copyOf(ports);
        exposed = exposed == null ? List.of() : List.copyOf(exposed);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    public static NetworkOptions none() {
        return new NetworkOptions(null, false, null, null, null, null, null);
    }
}
