package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn create [OPTIONS] IMAGE [COMMAND…]}: prints the new container's full ID. */
@Command(name = "create", description = "Create a new container.")
public class CreateCommand extends ClientCommand {

    @Mixin
    CreateOptions options;

    @Override
    protected int run() {
        out().println(create(this, options));
        return 0;
    }

    static String create(ClientCommand command, CreateOptions options) {
        String path = "/containers/create" + (options.name == null ? "" : "?name=" + ApiClient.encodeQuery(options.name));
        JsonNode created = command.client().post(path, options.body(command.spec()), JsonNode.class);
        return created.path("Id").asText();
    }
}
