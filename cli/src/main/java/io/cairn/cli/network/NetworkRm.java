package io.cairn.cli.network;

import io.cairn.api.CairnException;
import io.cairn.api.NotFoundException;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn network rm [-f] NETWORK…}: prints each removed name; any failure makes the exit code 1. */
@Command(name = "rm", aliases = {"remove"}, description = "Remove one or more networks.")
public final class NetworkRm extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Do not fail on a missing network.")
    boolean force;

    @Override
    protected int run() {
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                client().delete("/networks/" + ApiClient.encodePath(name));
                out().println(name);
            } catch (NotFoundException e) {
                if (!force) {
                    err().println("Error: " + e.getMessage());
                    exit = ExitCodes.FAILED;
                }
            } catch (CairnException e) {
                err().println("Error: " + e.getMessage());
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }
}
