package io.cairn.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Prompt;
import io.cairn.cli.output.PruneReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn volume prune [-a] [-f] [--filter]}: Docker's output and confirmation. */
@Command(name = "prune", description = "Remove unused local volumes (anonymous ones unless --all).")
public final class VolumePrune extends ClientCommand {

    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter: label=KEY[=VALUE].")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run() {
        String warning = all ? "WARNING! This will remove all local volumes not used by at least one container."
                : "WARNING! This will remove anonymous local volumes not used by at least one container.";
        if (!force && !Prompt.confirm(warning, err())) {
            return 0;
        }
        Map<String, List<String>> query = Labels.filters(this, filters);
        if (all) {
            query.put("all", List.of("true"));
        }
        JsonNode report = client().post("/volumes/prune?" + ApiClient.filters(query), null, JsonNode.class);
        List<String> lines = new ArrayList<>();
        report.path("VolumesDeleted").forEach(v -> lines.add(v.asText()));
        PruneReport.print(out(), "Deleted Volumes:", lines, report.path("SpaceReclaimed").asLong());
        return 0;
    }
}
