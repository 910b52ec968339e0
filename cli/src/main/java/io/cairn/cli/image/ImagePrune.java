package io.cairn.cli.image;

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

/** {@code cairn image prune [-a] [-f] [--filter]}: Docker's output and confirmation. */
@Command(name = "prune", description = "Remove unused images (dangling ones unless --all).")
public final class ImagePrune extends ClientCommand {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter: label=KEY[=VALUE].")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run() {
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!force && !Prompt.confirm(warning, err())) {
            return 0;
        }
        Map<String, List<String>> query = Labels.filters(this, filters);
        if (all) {
            query.put("dangling", List.of("false"));
        }
        JsonNode report = client().post("/images/prune?" + ApiClient.filters(query), null, JsonNode.class);
        List<String> lines = new ArrayList<>();
        for (JsonNode item : report.path("ImagesDeleted")) {
            lines.add(item.has("Untagged") ? "untagged: " + item.path("Untagged").asText()
                    : "deleted: " + item.path("Deleted").asText());
        }
        PruneReport.print(out(), "Deleted Images:", lines, report.path("SpaceReclaimed").asLong());
        return 0;
    }
}
