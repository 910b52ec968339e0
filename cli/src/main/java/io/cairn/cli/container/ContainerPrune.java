package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Prompt;
import io.cairn.cli.output.PruneReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn container prune [-f] [--filter]}: removes every stopped container. */
@Command(name = "prune", description = "Remove all stopped containers.")
public final class ContainerPrune extends ClientCommand {

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter: label=KEY[=VALUE].")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run() {
        if (!force && !Prompt.confirm("WARNING! This will remove all stopped containers.", err())) {
            return 0;
        }
        JsonNode report = client().post("/containers/prune?" + ApiClient.filters(Labels.filters(this, filters)), null,
                JsonNode.class);
        List<String> lines = new ArrayList<>();
        report.path("ContainersDeleted").forEach(c -> lines.add(c.asText()));
        PruneReport.print(out(), "Deleted Containers:", lines, report.path("SpaceReclaimed").asLong());
        return 0;
    }
}
