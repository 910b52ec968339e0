package io.cairn.cli.system;

import io.cairn.cli.system.InfoCommand;
import io.cairn.cli.command.ClientCommand;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Units;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn info}: version, root, journal index, counts and the runtime found. */
@Command(name = "info", description = "Display system-wide information.")
public final class InfoCommand extends ClientCommand {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() throws Exception {
        Format f = Format.parse(format, this);
        JsonNode info = client().get("/info");
        PrintWriter out = out();
        if (f == Format.JSON) {
            out.println(info.toString());
            return 0;
        }
        out.println("Server:");
        out.println(" Version: " + info.path("ServerVersion").asText());
        out.println(" Root: " + info.path("DockerRootDir").asText());
        out.println(" Journal index: " + info.path("JournalIndex").asLong()
                + " (applied " + info.path("LastApplied").asLong() + ")");
        out.println(" Durability: " + info.path("Durability").asText());
        out.println(" Containers: " + info.path("Containers").asLong());
        out.println(" Images: " + info.path("Images").asLong());
        out.println(" Volumes: " + info.path("Volumes").asLong());
        out.println(" Storage Driver: " + info.path("Driver").asText());
        String runtimePath = info.path("RuntimePath").asText();
        out.println(" Default Runtime: " + info.path("DefaultRuntime").asText()
                + (runtimePath.isEmpty() ? " (not found on the PATH)"
                : " (" + runtimePath + ", " + info.path("RuntimeVersion").asText() + ")"));
        out.println(" Kernel Version: " + info.path("KernelVersion").asText());
        out.println(" Operating System: " + info.path("OperatingSystem").asText());
        out.println(" CPUs: " + info.path("NCPU").asInt());
        out.println(" Total Memory: " + Units.binarySize(info.path("MemTotal").asLong()));
        out.println(" Daemon PID: " + info.path("Pid").asLong());
        if (!info.path("Halted").isNull() && !info.path("Halted").isMissingNode()) {
            out.println(" WARNING: " + info.path("Halted").asText());
        }
        for (JsonNode warning : info.path("Warnings")) {
            err().println("WARNING: " + warning.asText());
        }
        return 0;
    }
}
