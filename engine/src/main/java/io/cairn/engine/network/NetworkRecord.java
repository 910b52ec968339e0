package io.cairn.engine.network;

import java.util.Map;

/**
 * A network as the index holds it ({@code networks} family, by ID).
 *
 * @param bridge the host bridge interface netavark creates
 * @param dns    aardvark-dns resolves container names on it
 */
public record NetworkRecord(String id, String name, String driver, String bridge, String subnet, String gateway,
                            String ipRange, boolean internal, boolean dns, Map<String, String> labels,
                            long createdNanos) {
    public NetworkRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The predefined default network, {@code bridge}; {@code --network default} means it too. */
    public static final String DEFAULT = "bridge";

    public boolean predefined() {
        return name.equals(DEFAULT);
    }
}
