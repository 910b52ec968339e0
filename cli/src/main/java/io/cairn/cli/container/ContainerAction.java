package io.cairn.cli.container;

import io.cairn.api.CairnException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import java.util.List;

/** Runs one API call per named container, printing each name on success and an error line otherwise. */
abstract class ContainerAction extends ClientCommand {

    /** The call for one container; returns what to print (the name as given, by default). */
    abstract String act(String container);

    int each(List<String> containers) {
        int exit = ExitCodes.OK;
        for (String c : containers) {
            try {
                String printed = act(c);
                if (printed != null) {
                    out().println(printed);
                }
            } catch (CairnException e) {
                err().println("Error: " + e.getMessage());
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }

    static String path(String container) {
        return "/containers/" + ApiClient.encodePath(container);
    }
}
