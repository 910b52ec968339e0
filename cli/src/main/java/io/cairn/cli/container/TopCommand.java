package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn top CONTAINER [ps OPTIONS]}: the host's ps, limited to the container's processes. */
@Command(name = "top", description = "Display the running processes of a container.")
public class TopCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "PS_OPTIONS", description = "Options for ps (default -ef).")
    List<String> psOptions = new ArrayList<>();

    @Override
    protected int run() {
        String query = psOptions.isEmpty() ? "" : "?ps_args=" + ApiClient.encodeQuery(String.join(" ", psOptions));
        JsonNode top = client().get(ContainerAction.path(container) + "/top" + query);
        List<String> titles = new ArrayList<>();
        top.path("Titles").forEach(t -> titles.add(t.asText()));
        Table table = new Table(titles.toArray(String[]::new));
        for (JsonNode row : top.path("Processes")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText()));
            while (cells.size() < titles.size()) {
                cells.add("");
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
