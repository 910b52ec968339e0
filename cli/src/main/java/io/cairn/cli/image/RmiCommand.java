package io.cairn.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn rmi [-f] IMAGE…}: prints {@code Untagged:} and {@code Deleted:} lines as Docker does. */
@Command(name = "rmi", description = "Remove one or more images.")
public class RmiCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Option(names = {"-f", "--force"}, description = "Force removal of the image.")
    boolean force;

    @Option(names = "--no-prune", description = "Accepted for compatibility: Cairn frees only layers nothing uses.")
    boolean noPrune;

    @Override
    protected int run() {
        int exit = ExitCodes.OK;
        for (String image : images) {
            try {
                print(remove(image));
            } catch (CairnException e) {
                err().println("Error: " + e.getMessage());
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }

    private JsonNode remove(String image) {
        String path = "/images/" + ApiClient.encodePath(image) + (force ? "?force=1" : "");
        return client().deleteJson(path);
    }

    private void print(JsonNode items) {
        for (JsonNode item : items) {
            if (item.has("Untagged")) {
                out().println("Untagged: " + item.path("Untagged").asText());
            }
            if (item.has("Deleted")) {
                out().println("Deleted: " + item.path("Deleted").asText());
            }
        }
    }
}
