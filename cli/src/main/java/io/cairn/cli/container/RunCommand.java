package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.api.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn run [-d] [OPTIONS] IMAGE [COMMAND…]}: create and start; without {@code -d} it streams
 * the container's stdout and stderr and exits with the container's exit code (128+N when killed by
 * signal N). A start that fails exits by its kind ({@link ExitCodes}): 127 when the command is not
 * found, 126 when it cannot be invoked, with or without {@code -d}, as Docker's does.
 */
@Command(name = "run", description = "Create and run a new container from an image.")
public class RunCommand extends ClientCommand {

    @Mixin
    CreateOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID.")
    boolean detach;

    @Override
    protected int run() throws Exception {
        String id = CreateCommand.create(this, options, err());
        if (detach) {
            client().post("/containers/" + id + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
            out().println(id);
            return 0;
        }
        LogStream logs = new LogStream(client(), id, out(), err());
        Thread follower = logs.followInBackground();
        try {
            client().post("/containers/" + id + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (CairnException e) {
            follower.interrupt();
            throw e; // its kind says 127 (command not found), 126 (cannot be invoked) or 1
        }
        int code = exitCode(client(), id);
        follower.join(10_000);
        return code;
    }

    /** The exit code of a container that ran: its own, as {@code wait} reports it. */
    static int exitCode(io.cairn.cli.client.ApiClient client, String id) {
        return client.post("/containers/" + id + "/wait", null, com.fasterxml.jackson.databind.JsonNode.class)
                .path("StatusCode").asInt(ExitCodes.NO_DAEMON); // an answer without one is no answer
    }
}
