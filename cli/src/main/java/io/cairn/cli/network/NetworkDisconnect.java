package io.cairn.cli.network;

import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn network disconnect NETWORK CONTAINER}: a running container leaves at once unless it
 * publishes ports (refused: stop it first); {@code --force} is refused, there being nothing to force.
 */
@Command(name = "disconnect", description = "Disconnect a container from a network.")
public final class NetworkDisconnect extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-f", "--force"}, description = "Refused: not supported.")
    boolean force;

    @Override
    protected int run() {
        if (force) {
            throw error("--force: not supported (a disconnect either succeeds or says why not)");
        }
        client().post("/networks/" + ApiClient.encodePath(network) + "/disconnect",
                Map.of("Container", container, "Force", false), com.fasterxml.jackson.databind.JsonNode.class);
        return 0;
    }
}
