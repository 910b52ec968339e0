package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import io.cairn.cli.output.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn ps [-a] [-q] [--filter] [--no-trunc] [--format json]}: Docker's columns. */
@Command(name = "ps", description = "List containers.")
public class PsCommand extends ClientCommand {

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Filter: id, name, status, label, ancestor, exited.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Show n last created containers (includes all states).")
    Integer last;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states).")
    boolean latest;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        if (last != null && last < 0 && last != -1) {
            throw error("--last: expected a number from 0, not " + last);
        }
        int limit = latest ? 1 : last == null ? -1 : last;
        JsonNode list = client().get("/containers/json?" + (all ? "all=1&" : "") + (limit > 0 ? "limit=" + limit + "&" : "")
                + ApiClient.filters(Labels.filters(this, filters)));
        long now = System.currentTimeMillis() / 1000;
        Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        for (JsonNode c : list) {
            String id = noTrunc ? c.path("Id").asText() : c.path("Id").asText().substring(0, 12);
            if (quiet) {
                out().println(id);
                continue;
            }
            String command = c.path("Command").asText();
            String shown = noTrunc || command.length() <= 20 ? "\"" + command + "\"" : "\"" + command.substring(0, 19) + "…\"";
            String names = c.path("Names").get(0).asText().substring(1);
            String created = Units.ago(c.path("Created").asLong(), now);
            if (f == Format.JSON) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ID", id);
                row.put("Image", c.path("Image").asText());
                row.put("Command", "\"" + command + "\"");
                row.put("CreatedAt", c.path("Created").asLong());
                row.put("RunningFor", created);
                row.put("State", c.path("State").asText());
                row.put("Status", c.path("Status").asText());
                row.put("Names", names);
                row.put("Ports", ports(c.path("Ports")));
                row.put("Labels", Labels.join(c.path("Labels")));
                out().println(ApiClient.json().valueToTree(row).toString());
            } else {
                table.row(id, c.path("Image").asText(), shown, created, c.path("Status").asText(), ports(c.path("Ports")),
                        names);
            }
        }
        if (!quiet && f == Format.TABLE) {
            table.print(out());
        }
        return 0;
    }

    /** Docker's PORTS column: {@code 0.0.0.0:8080->80/tcp} for a published port, {@code 81/tcp} for an exposed one. */
    static String ports(JsonNode ports) {
        java.util.List<String> published = new java.util.ArrayList<>();
        java.util.List<String> exposed = new java.util.ArrayList<>();
        for (JsonNode p : ports) {
            String inside = p.path("PrivatePort").asInt() + "/" + p.path("Type").asText("tcp");
            if (p.path("PublicPort").asInt(0) > 0) {
                published.add(p.path("IP").asText("0.0.0.0") + ":" + p.path("PublicPort").asInt() + "->" + inside);
            } else {
                exposed.add(inside);
            }
        }
        exposed.addAll(published);
        return String.join(", ", exposed);
    }
}
