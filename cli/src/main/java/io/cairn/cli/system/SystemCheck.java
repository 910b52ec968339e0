package io.cairn.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import picocli.CommandLine.Command;

/** {@code cairn system check}: index ↔ disk consistency; exit 1 with the list of problems. */
@Command(name = "check", description = "Check that the indexes and the files on disk agree.")
public final class SystemCheck extends ClientCommand {

    @Override
    protected int run() {
        JsonNode r = client().get("/cairn/system/check");
        r.path("Checked").forEach(c -> out().println("checked: " + c.asText()));
        r.path("Problems").forEach(p -> out().println("problem: " + p.asText()));
        boolean ok = r.path("Problems").size() == 0;
        out().println(ok ? "system check: ok" : "system check: " + r.path("Problems").size() + " problem(s)");
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
