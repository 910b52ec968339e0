package io.cairn.engine.event;

import java.util.List;

/**
 * A container was connected to a network (at create, or by {@code network connect}): what it asks
 * for there. The address itself is allocated when the container starts ({@link EndpointsAllocated}).
 *
 * @param ip      the static IPv4 address asked for ({@code --ip}), empty for any
 * @param aliases extra names it answers to on the network ({@code --alias}, {@code --network-alias})
 */
public record NetworkConnected(String networkId, String containerId, String ip, List<String> aliases) implements Event {
    public NetworkConnected {
        ip = ip == null ? "" : ip;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
