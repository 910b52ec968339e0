package io.cairn.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn network create [OPTIONS] NETWORK}: prints the new network's ID, as Docker. */
@Command(name = "create", description = "Create a network.")
public final class NetworkCreate extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NETWORK")
    String name;

    @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Driver (only bridge).")
    String driver;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "IPv4 subnet (default: a free one).")
    String subnet;

    @Option(names = "--gateway", paramLabel = "IP", description = "Gateway (default: the subnet's first address).")
    String gateway;

    @Option(names = "--ip-range", paramLabel = "CIDR", description = "Allocate container addresses from this sub-range.")
    String ipRange;

    @Option(names = "--internal", description = "No route out of the network (no NAT, no default route).")
    boolean internal;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on the network.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Driver options (refused: none supported).")
    List<String> options = new ArrayList<>();

    @Option(names = "--ipv6", description = "Enable IPv6 (refused: Cairn's networks are IPv4).")
    boolean ipv6;

    @Override
    protected int run() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("Driver", driver);
        body.put("Internal", internal);
        body.put("EnableIPv6", ipv6);
        body.put("Options", Labels.parse(this, "--opt", options));
        body.put("Labels", Labels.parse(this, "--label", labels));
        if (subnet != null || gateway != null || ipRange != null) {
            Map<String, String> cfg = new LinkedHashMap<>();
            put(cfg, "Subnet", subnet);
            put(cfg, "Gateway", gateway);
            put(cfg, "IPRange", ipRange);
            body.put("IPAM", Map.of("Driver", "default", "Config", List.of(cfg)));
        }
        JsonNode created = client().post("/networks/create", body, JsonNode.class);
        out().println(created.path("Id").asText());
        return 0;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
