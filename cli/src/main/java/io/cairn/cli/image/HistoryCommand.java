package io.cairn.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import io.cairn.cli.output.Units;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn history IMAGE}: the instruction that made each layer, newest first. */
@Command(name = "history", description = "Show the history of an image.")
public class HistoryCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        JsonNode history = client().get("/images/" + ApiClient.encodePath(image) + "/history");
        long now = System.currentTimeMillis() / 1000;
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (JsonNode h : history) {
            String id = h.path("Id").asText();
            String shown = id.equals("<missing>") ? id : ImageIds.show(id, noTrunc);
            if (quiet) {
                out().println(shown);
                continue;
            }
            String createdBy = h.path("CreatedBy").asText();
            if (!noTrunc && createdBy.length() > 45) {
                createdBy = createdBy.substring(0, 44) + "…";
            }
            if (f == Format.JSON) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ID", shown);
                row.put("CreatedAt", h.path("Created").asLong());
                row.put("CreatedSince", Units.ago(h.path("Created").asLong(), now));
                row.put("CreatedBy", h.path("CreatedBy").asText());
                row.put("Size", Units.humanSize(h.path("Size").asLong()));
                row.put("Comment", h.path("Comment").asText());
                out().println(ApiClient.json().valueToTree(row).toString());
            } else {
                table.row(shown, Units.ago(h.path("Created").asLong(), now), createdBy,
                        Units.humanSize(h.path("Size").asLong()), h.path("Comment").asText());
            }
        }
        if (!quiet && f == Format.TABLE) {
            table.print(out());
        }
        return 0;
    }
}
