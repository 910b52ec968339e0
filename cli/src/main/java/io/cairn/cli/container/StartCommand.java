package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.api.CairnException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn start [-a] CONTAINER…}: with {@code -a}, streams the output and exits with the
 * container's code, or by the kind of a failed start as {@code run} does; without, 1 if any failed.
 */
@Command(name = "start", description = "Start one or more stopped containers.")
public class StartCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals.")
    boolean attach;

    @Override
    protected int run() throws Exception {
        if (attach) {
            if (containers.size() > 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "you cannot start and attach multiple containers at once");
            }
            String id = client().get("/containers/" + containers.get(0) + "/json").path("Id").asText();
            Thread follower = new LogStream(client(), id, out(), err()).followInBackground();
            try {
                client().post("/containers/" + id + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
            } catch (CairnException e) {
                follower.interrupt();
                throw e; // its kind says 127 (command not found), 126 (cannot be invoked) or 1
            }
            int code = RunCommand.exitCode(client(), id);
            follower.join(10_000);
            return code;
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
