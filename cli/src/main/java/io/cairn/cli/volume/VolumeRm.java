package io.cairn.cli.volume;

import io.cairn.api.CairnException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn volume rm [-f] VOLUME…}: prints each removed name; any failure makes the exit code 1. */
@Command(name = "rm", aliases = {"remove"}, description = "Remove one or more volumes.")
public final class VolumeRm extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Do not fail on a missing volume.")
    boolean force;

    @Override
    protected int run() {
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                client().delete("/volumes/" + ApiClient.encodePath(name) + (force ? "?force=1" : ""));
                out().println(name);
            } catch (CairnException e) {
                err().println("Error: " + e.getMessage());
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }
}
