package io.cairn.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn network ls}: Docker's columns, {@code -q} IDs only, {@code --format json} one object per line. */
@Command(name = "ls", aliases = {"list"}, description = "List networks.")
public final class NetworkLs extends ClientCommand {

    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate the IDs.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Filter: driver, id, label=KEY[=VALUE], name, type=custom|builtin.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        JsonNode list = client().get("/networks?" + ApiClient.filters(Labels.filters(this, filters)));
        List<JsonNode> networks = new ArrayList<>();
        list.forEach(networks::add);
        networks.sort((a, b) -> a.path("Name").asText().compareTo(b.path("Name").asText()));
        PrintWriter out = out();
        if (quiet) {
            networks.forEach(n -> out.println(id(n)));
        } else if (f == Format.JSON) {
            for (JsonNode n : networks) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("CreatedAt", n.path("Created").asText());
                row.put("Driver", n.path("Driver").asText());
                row.put("ID", id(n));
                row.put("IPv6", Boolean.toString(n.path("EnableIPv6").asBoolean()));
                row.put("Internal", Boolean.toString(n.path("Internal").asBoolean()));
                row.put("Labels", Labels.join(n.path("Labels")));
                row.put("Name", n.path("Name").asText());
                row.put("Scope", n.path("Scope").asText());
                out.println(ApiClient.json().valueToTree(row).toString());
            }
        } else {
            Table table = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
            networks.forEach(n -> table.row(id(n), n.path("Name").asText(), n.path("Driver").asText(), n.path("Scope").asText()));
            table.print(out);
        }
        return 0;
    }

    private String id(JsonNode n) {
        String id = n.path("Id").asText();
        return noTrunc || id.length() < 12 ? id : id.substring(0, 12);
    }
}
