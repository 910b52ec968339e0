package io.cairn.engine.event;

import java.util.Map;

/**
 * A network was created: every value decided (ID, bridge interface, subnet, gateway), so replay
 * needs no decision.
 *
 * @param bridge   the host's bridge interface ({@code cairn0} for {@code bridge}, {@code cr-<12 hex>} else)
 * @param ipRange  the CIDR containers get addresses from, inside {@code subnet} (the subnet itself when not given)
 * @param dns      whether aardvark-dns answers container names on it (user networks; never the default bridge)
 */
public record NetworkCreated(String id, String name, String driver, String bridge, String subnet, String gateway,
                             String ipRange, boolean internal, boolean dns, Map<String, String> labels) implements Event {
    public NetworkCreated {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
