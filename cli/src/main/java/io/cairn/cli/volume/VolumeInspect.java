package io.cairn.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cairn.api.NotFoundException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn volume inspect VOLUME…}: a JSON array of the volumes found; each missing one is an
 * error on stderr and makes the exit code 1, as in Docker.
 */
@Command(name = "inspect", description = "Display detailed information on one or more volumes.")
public final class VolumeInspect extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
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
                found.add(client().get("/volumes/" + ApiClient.encodePath(name), JsonNode.class));
            } catch (NotFoundException e) {
                err().println("Error: No such volume: " + name);
                exit = ExitCodes.FAILED;
            }
        }
        out().println(ApiClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(found));
        return exit;
    }
}
