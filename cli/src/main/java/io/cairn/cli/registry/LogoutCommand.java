package io.cairn.cli.registry;

import io.cairn.cli.command.ClientCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn logout [SERVER]}: forgets the stored credentials of a registry (default: Docker Hub). */
@Command(name = "logout", description = "Log out from a registry.")
public class LogoutCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "The registry (default: Docker Hub).")
    String server;

    @Override
    protected int run() {
        String domain = server == null || server.isEmpty() ? "docker.io" : server;
        String key = Registries.configKey(domain);
        if (DockerConfig.load().erase(domain)) {
            out().println("Removing login credentials for " + key);
        } else {
            out().println("Not logged in to " + key);
        }
        return 0;
    }
}
