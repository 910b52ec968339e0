package io.cairn.cli.network;

import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn network connect [--alias A] [--ip IP] NETWORK CONTAINER}: a running container on a
 * bridge network joins at once (without port forwarding on the new network), a stopped one at its
 * next start (docs/NETWORKING.md).
 */
@Command(name = "connect", description = "Connect a container to a network.")
public final class NetworkConnect extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Option(names = "--alias", paramLabel = "NAME", description = "Add a network-scoped alias for the container.")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IP", description = "IPv4 address on the network.")
    String ip;

    @Override
    protected int run() {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("Aliases", aliases);
        if (ip != null) {
            endpoint.put("IPAMConfig", Map.of("IPv4Address", ip));
        }
        client().post("/networks/" + ApiClient.encodePath(network) + "/connect",
                Map.of("Container", container, "EndpointConfig", endpoint), com.fasterxml.jackson.databind.JsonNode.class);
        return 0;
    }
}
