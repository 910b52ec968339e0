package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn diff CONTAINER}: {@code A|C|D path} lines from the writable layer. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem.")
public class DiffCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    protected int run() {
        for (JsonNode change : client().get(ContainerAction.path(container) + "/changes")) {
            String kind = switch (change.path("Kind").asInt()) {
                case 1 -> "A";
                case 2 -> "D";
                default -> "C";
            };
            out().println(kind + " " + change.path("Path").asText());
        }
        return 0;
    }
}
