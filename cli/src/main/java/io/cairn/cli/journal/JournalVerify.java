package io.cairn.cli.journal;

import io.cairn.cli.command.GlobalOptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.JournalVerification;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.client.EngineJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code cairn journal verify}: every entry readable, CRCs right, indices contiguous; exit 1 otherwise.
 * Asks the daemon when one answers; otherwise (a daemon refuses to start on a damaged journal) the
 * engine's JVM reads the journal without starting one ({@code io.cairn.engine.main.JournalVerify}),
 * and this command renders its report.
 */
@Command(name = "verify", description = "Check every journal entry's checksum and the indices' continuity.")
public final class JournalVerify extends ClientCommand {

    @Override
    protected int run() throws IOException, InterruptedException {
        GlobalOptions cairn = globals();
        if (Files.isDirectory(cairn.root().resolve("journal")) && !client().ping()) {
            err().flush();
            List<String> args = cairn.debug() ? List.of("journal", "verify", "--debug") : List.of("journal", "verify");
            Process engine = EngineJvm.command(List.of(), cairn.root(), args)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] report;
            try (InputStream in = engine.getInputStream()) {
                report = in.readAllBytes();
            }
            int exit = engine.waitFor();
            if (exit != 0) {
                return exit; // its error is on stderr already
            }
            if (report.length > 0) {
                return render(ApiClient.json().readTree(report));
            }
            // nothing: a daemon (still starting) holds the root after all
        }
        return render(client().get("/cairn/journal/verify"));
    }

    private int render(JsonNode r) {
        r.path("Superseded").forEach(s -> out().println("superseded (torn by a crash, never acknowledged): " + s.asText()));
        r.path("Problems").forEach(p -> out().println("problem: " + p.asText()));
        boolean ok = r.path("Problems").size() == 0;
        out().println("journal: " + r.path("Entries").asLong() + " entries, indices " + r.path("FirstIndex").asLong()
                + ".." + r.path("LastIndex").asLong() + (ok ? ": ok" : ": " + r.path("Problems").size()
                + " problem(s), first bad index " + r.path("FirstBadIndex").asLong()
                + " ('cairn journal repair' with the daemon stopped cuts the journal back before it)"));
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
