package io.cairn.cli.image;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn tag SOURCE TARGET}: TARGET now names the image SOURCE names. */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public class TagCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    protected int run() {
        client().post("/images/" + ApiClient.encodePath(source) + "/tag?repo=" + ApiClient.encodeQuery(target), null,
                com.fasterxml.jackson.databind.JsonNode.class);
        return 0;
    }
}
