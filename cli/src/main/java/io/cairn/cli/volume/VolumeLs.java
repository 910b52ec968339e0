package io.cairn.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn volume ls}: Docker's columns, {@code -q} names only, {@code --format json} one object per line. */
@Command(name = "ls", aliases = {"list"}, description = "List volumes.")
public final class VolumeLs extends ClientCommand {

    @Option(names = {"-q", "--quiet"}, description = "Only display volume names.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Filter: dangling=true|false, driver, label=KEY[=VALUE], name.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        JsonNode list = client().get("/volumes?" + ApiClient.filters(Labels.filters(this, filters)));
        List<JsonNode> volumes = new ArrayList<>();
        list.path("Volumes").forEach(volumes::add);
        volumes.sort((a, b) -> a.path("Name").asText().compareTo(b.path("Name").asText()));
        PrintWriter out = out();
        if (quiet) {
            volumes.forEach(v -> out.println(v.path("Name").asText()));
        } else if (f == Format.JSON) {
            for (JsonNode v : volumes) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Driver", v.path("Driver").asText());
                row.put("Labels", Labels.join(v.path("Labels")));
                row.put("Mountpoint", v.path("Mountpoint").asText());
                row.put("Name", v.path("Name").asText());
                row.put("Scope", v.path("Scope").asText());
                row.put("CreatedAt", v.path("CreatedAt").asText());
                out.println(ApiClient.json().valueToTree(row).toString());
            }
        } else {
            Table table = new Table("DRIVER", "VOLUME NAME");
            volumes.forEach(v -> table.row(v.path("Driver").asText(), v.path("Name").asText()));
            table.print(out);
        }
        return 0;
    }
}
