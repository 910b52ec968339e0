package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn rename CONTAINER NEW_NAME}. */
@Command(name = "rename", description = "Rename a container.")
public class RenameCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    protected int run() {
        client().post(ContainerAction.path(container) + "/rename?name=" + ApiClient.encodeQuery(newName), null,
                com.fasterxml.jackson.databind.JsonNode.class);
        return ExitCodes.OK;
    }
}
