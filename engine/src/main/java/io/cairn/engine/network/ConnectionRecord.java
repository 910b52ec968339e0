package io.cairn.engine.network;

import java.util.List;

/** A container's connection to a network ({@code netconnect} family, key {@code containerId/networkId}). */
public record ConnectionRecord(String containerId, String networkId, String ip, List<String> aliases) {
    public ConnectionRecord {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
