package io.cairn.cli.image;

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

/** {@code cairn image inspect IMAGE…}: a JSON array; a missing image is an error line and exit 1. */
@Command(name = "inspect", description = "Display detailed information on one or more images.")
public final class ImageInspect extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> names;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "json (the default).")
    String format;

    @Override
    protected int run() throws Exception {
        if (format != null && Format.parse(format, this) != Format.JSON) {
            throw error("--format: inspect prints json only");
        }
        ArrayNode found = ApiClient.json().createArrayNode();
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(client().get("/images/" + ApiClient.encodePath(name) + "/json", JsonNode.class));
            } catch (NotFoundException e) {
                err().println("Error: No such image: " + name);
                exit = ExitCodes.FAILED;
            }
        }
        out().println(ApiClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(found));
        return exit;
    }
}
