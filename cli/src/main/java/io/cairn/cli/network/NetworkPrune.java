package io.cairn.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.output.Prompt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn network prune [-f] [--filter label=…]}: removes user networks no container is connected to. */
@Command(name = "prune", description = "Remove all unused networks.")
public final class NetworkPrune extends ClientCommand {

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter: label=KEY[=VALUE].")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run() {
        if (!force && !Prompt.confirm("WARNING! This will remove all custom networks not used by at least one container.",
                err())) {
            return 0;
        }
        JsonNode report = client().post("/networks/prune?" + ApiClient.filters(Labels.filters(this, filters)), null,
                JsonNode.class);
        List<String> names = new ArrayList<>();
        report.path("NetworksDeleted").forEach(n -> names.add(n.asText()));
        PrintWriter out = out();
        if (!names.isEmpty()) {
            out.println("Deleted Networks:");
            names.forEach(out::println);
            out.println();
        }
        return 0;
    }
}
