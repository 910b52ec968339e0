package io.cairn.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.ClientCommand;
import picocli.CommandLine.Command;

/** {@code cairn journal verify}: every entry readable, CRCs right, indices contiguous; exit 1 otherwise. */
@Command(name = "verify", description = "Check every journal entry's checksum and the indices' continuity.")
public final class JournalVerify extends ClientCommand {

    @Override
    protected int run() {
        JsonNode r = client().get("/cairn/journal/verify");
        r.path("Superseded").forEach(s -> out().println("superseded (torn by a crash, never acknowledged): " + s.asText()));
        r.path("Problems").forEach(p -> out().println("problem: " + p.asText()));
        boolean ok = r.path("Problems").size() == 0;
        out().println("journal: " + r.path("Entries").asLong() + " entries, indices " + r.path("FirstIndex").asLong()
                + ".." + r.path("LastIndex").asLong() + (ok ? ": ok" : ": " + r.path("Problems").size() + " problem(s)"));
        return ok ? 0 : 1;
    }
}
