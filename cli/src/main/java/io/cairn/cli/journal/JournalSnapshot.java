package io.cairn.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn journal snapshot [--list]}: copies the index at its last applied journal entry N into
 * {@code <root>/snapshots/N/} (the daemon quiesces its pipeline for it) so that {@code journal
 * rebuild} replays only the entries after N; keeps daemon.json's {@code journal-snapshots} newest.
 * {@code --list} prints the snapshots instead, with any that is refused and why (exit 1 then).
 */
@Command(name = "snapshot", description = "Snapshot the index at the journal's applied entry (or --list the snapshots).")
public final class JournalSnapshot extends ClientCommand {

    @Option(names = "--list", description = "List the snapshots, newest first, instead of taking one.")
    boolean list;

    @Override
    protected int run() {
        if (!list) {
            JsonNode s = client().post("/cairn/journal/snapshot", null, JsonNode.class);
            out().println("snapshot at entry " + s.path("Index").asLong() + ": " + s.path("Path").asText());
            out().println("digest: " + s.path("Digest").asText());
            return ExitCodes.OK;
        }
        boolean refused = false;
        for (JsonNode s : client().get("/cairn/journal/snapshots")) {
            if (s.path("Problem").asText().isEmpty()) {
                out().println(s.path("Index").asLong() + "\t" + s.path("Taken").asText() + "\t"
                        + s.path("Digest").asText() + "\t" + s.path("Path").asText());
            } else {
                refused = true;
                out().println(s.path("Index").asLong() + "\tREFUSED\t" + s.path("Problem").asText());
            }
        }
        return refused ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
