package io.cairn.cli;

import io.cairn.cli.command.ClientCommand;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn version}: the client's and the daemon's versions. */
@Command(name = "version", description = "Show the Cairn version information.")
public final class VersionCommand extends ClientCommand {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        JsonNode server = client().get("/version");
        if (f == Format.JSON) {
            out().println("{\"Client\":{\"Version\":\"" + VersionProvider.VERSION + "\"},\"Server\":" + server + "}");
            return 0;
        }
        out().println("Client:\n Version: " + VersionProvider.VERSION + "\n\nServer:\n Version: "
                + server.path("Version").asText() + "\n API version: " + server.path("ApiVersion").asText()
                + "\n Kernel Version: " + server.path("KernelVersion").asText());
        return 0;
    }
}
