package io.cairn.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn port CONTAINER [PRIVATE_PORT[/PROTO]]}: Docker's lines, {@code 80/tcp -> 0.0.0.0:8080},
 * or the host addresses of one port; a port with no mapping is an error, as in Docker.
 */
@Command(name = "port", description = "List port mappings or a specific mapping for the container.")
public final class PortCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String port;

    @Override
    protected int run() {
        JsonNode ports = client().get("/containers/" + ApiClient.encodePath(container) + "/port");
        PrintWriter out = out();
        if (port == null) {
            List<String> lines = new ArrayList<>();
            ports.fields().forEachRemaining(f -> f.getValue().forEach(b ->
                    lines.add(f.getKey() + " -> " + b.path("HostIp").asText() + ":" + b.path("HostPort").asText())));
            lines.forEach(out::println);
            return 0;
        }
        String key = port.contains("/") ? port : port + "/tcp";
        if (!key.matches("\\d{1,5}/(tcp|udp)")) {
            throw error("invalid port \"" + port + "\": expected PORT[/tcp|udp]");
        }
        JsonNode bindings = ports.path(key);
        if (!bindings.isArray() || bindings.isEmpty()) {
            err().println("Error: No public port '" + key + "' published for " + container);
            return ExitCodes.FAILED;
        }
        bindings.forEach(b -> out.println(b.path("HostIp").asText() + ":" + b.path("HostPort").asText()));
        return 0;
    }
}
