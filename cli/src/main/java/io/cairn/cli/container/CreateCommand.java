package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.NotFoundException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.registry.PullCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn create [OPTIONS] IMAGE [COMMAND…]}: prints the new container's full ID. */
@Command(name = "create", description = "Create a new container.")
public class CreateCommand extends ClientCommand {

    @Mixin
    CreateOptions options;

    @Override
    protected int run() {
        out().println(create(this, options, err()));
        return 0;
    }

    static String create(ClientCommand command, CreateOptions options, java.io.PrintWriter err) {
        String policy = options.pull == null ? "missing" : options.pull;
        if (!policy.equals("missing") && !policy.equals("always") && !policy.equals("never")) {
            throw new io.cairn.cli.command.UsageException("--pull: expected missing, always or never, got \"" + policy + "\"");
        }
        if (policy.equals("always")) {
            PullCommand.pull(command.client(), options.image, null, err);
        }
        String path = "/containers/create" + (options.name == null ? "" : "?name=" + ApiClient.encodeQuery(options.name));
        try {
            return command.client().post(path, options.body(command), JsonNode.class).path("Id").asText();
        } catch (NotFoundException e) {
            if (!policy.equals("missing") || e.getMessage() == null || !e.getMessage().startsWith("No such image")) {
                throw e;
            }
            // Docker's client does the same: tell, pull, and create again
            err.println("Unable to find image '" + options.image + "' locally");
            PullCommand.pull(command.client(), options.image, null, err);
            return command.client().post(path, options.body(command), JsonNode.class).path("Id").asText();
        }
    }
}
