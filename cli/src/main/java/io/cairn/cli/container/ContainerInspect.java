package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cairn.api.NotFoundException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn inspect CONTAINER|IMAGE…}: containers first, then images, as Docker looks them up. */
@Command(name = "inspect", description = "Return low-level information on containers or images.")
public class ContainerInspect extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Override
    protected int run() throws Exception {
        ArrayNode found = ApiClient.json().createArrayNode();
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(client().get(ContainerAction.path(name) + "/json", JsonNode.class));
            } catch (NotFoundException notContainer) {
                try {
                    found.add(client().get("/images/" + ApiClient.encodePath(name) + "/json", JsonNode.class));
                } catch (NotFoundException neither) {
                    err().println("Error: No such object: " + name);
                    exit = ExitCodes.FAILED;
                }
            }
        }
        out().println(ApiClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(found));
        return exit;
    }
}
