package io.cairn.cli.container;

import io.cairn.cli.ClientCommand;
import io.cairn.api.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn run [-d] [OPTIONS] IMAGE [COMMAND…]}: create and start; without {@code -d} it streams
 * the container's stdout and stderr and exits with the container's exit code (126/127 when the
 * command cannot be invoked or is not found, 128+N when killed by signal N).
 */
@Command(name = "run", description = "Create and run a new container from an image.")
public class RunCommand extends ClientCommand {

    @Mixin
    CreateOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID.")
    boolean detach;

    @Override
    protected int run() throws Exception {
        String id = CreateCommand.create(this, options);
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
            err().println("Error: " + e.getMessage());
            follower.interrupt();
            return cannotRun(e.getMessage());
        }
        int code = exitCode(id);
        follower.join(10_000);
        return code;
    }

    /** Docker's mapping of a failed start: 127 when the command is not found, 126 when it cannot be invoked. */
    static int cannotRun(String message) {
        String m = message == null ? "" : message.toLowerCase();
        return m.contains("not found") || m.contains("no such file or directory") ? 127 : 126;
    }

    private int exitCode(String id) {
        return client().post("/containers/" + id + "/wait", null, com.fasterxml.jackson.databind.JsonNode.class)
                .path("StatusCode").asInt(125);
    }
}
