package io.cairn.engine.event;

import java.util.List;

/**
 * A container's address on one network, as allocated for one run.
 *
 * @param ip        IPv4 address, e.g. {@code 172.17.0.2}
 * @param prefixLen the subnet's prefix length
 * @param mac       the interface's MAC address, derived from the address as Docker does
 * @param aliases   the names aardvark-dns answers with this address (name, short ID, aliases)
 */
public record Endpoint(String networkId, String networkName, String ip, int prefixLen, String gateway, String mac,
                       String interfaceName, List<String> aliases) {
    public Endpoint {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
