package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn attach [--no-stdin] [--detach-keys KEYS] [--sig-proxy] CONTAINER}: this terminal's
 * input, output and errors to a running container's process; exits with its exit code, or 0 after
 * the detach keys (default Ctrl-P Ctrl-Q), which leave it running.
 */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container.")
public class AttachCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = "--no-stdin", description = "Do not attach STDIN.")
    boolean noStdin;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container (default ctrl-p,ctrl-q).")
    String detachKeys;

    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Proxy all received signals to the process (default true; not with a terminal).")
    boolean sigProxy;

    @Override
    protected int run() throws Exception {
        JsonNode c = client().get("/containers/" + container + "/json");
        if (!c.path("State").path("Running").asBoolean(false)) {
            err().println("Error: You cannot attach to a stopped container, start it first");
            return ExitCodes.FAILED;
        }
        boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean(false);
        return ContainerAttach.run(client(), c.path("Id").asText(), stdin, c.path("Config").path("Tty").asBoolean(false),
                detachKeys, sigProxy, false, false);
    }
}
