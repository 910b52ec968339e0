package io.cairn.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cairn.api.NotFoundException;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.output.Format;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn network inspect NETWORK…}: a JSON array of the networks found; each missing one is
 * an error on stderr and makes the exit code 1, as in Docker.
 */
@Command(name = "inspect", description = "Display detailed information on one or more networks.")
public final class NetworkInspect extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "json (the default).")
    String format;

    @Override
    protected int run() throws Exception {
        if (Format.parse(format, this) == Format.TABLE && format != null) {
            throw error("--format: inspect prints json only");
        }
        ArrayNode found = ApiClient.json().createArrayNode();
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(client().get("/networks/" + ApiClient.encodePath(name), JsonNode.class));
            } catch (NotFoundException e) {
                err().println("Error: No such network: " + name);
                exit = ExitCodes.FAILED;
            }
        }
        out().println(ApiClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(found));
        return exit;
    }
}
