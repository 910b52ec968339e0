package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.api.CairnException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn start [-a [-i]] CONTAINER…}: with {@code -a}, streams the output (with {@code -i}, or
 * for a container with a terminal, attached as {@code run -i} is, stdin forwarded) and exits with the
 * container's code, or by the kind of a failed start as {@code run} does; without, 1 if any failed.
 */
@Command(name = "start", description = "Start one or more stopped containers.")
public class StartCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals.")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN.")
    boolean interactive;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container (default ctrl-p,ctrl-q).")
    String detachKeys;

    @Override
    protected int run() throws Exception {
        if ((interactive || detachKeys != null) && !attach) {
            throw error("-i and --detach-keys need -a (start -ai)");
        }
        if (attach) {
            if (containers.size() > 1) {
                throw error("you cannot start and attach multiple containers at once");
            }
            com.fasterxml.jackson.databind.JsonNode c = client().get("/containers/" + containers.get(0) + "/json");
            String id = c.path("Id").asText();
            boolean tty = c.path("Config").path("Tty").asBoolean(false);
            if (interactive || tty) {
                return ContainerAttach.run(client(), id, interactive, tty, detachKeys, true, true,
                        c.path("HostConfig").path("AutoRemove").asBoolean(false));
            }
            Thread follower = new LogStream(client(), id, out(), err()).followInBackground();
            return RunCommand.startAndWait(client(), id, c.path("HostConfig").path("AutoRemove").asBoolean(false),
                    follower);
        }
        int exit = ExitCodes.OK;
        for (String c : containers) {
            try {
                client().post("/containers/" + c + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
                out().println(c);
            } catch (CairnException e) {
                err().println("Error: " + e.getMessage());
                exit = ExitCodes.FAILED; // Docker's: starting several, whatever each failure's kind, fails with 1
            }
        }
        return exit;
    }
}
