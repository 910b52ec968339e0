package io.cairn.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.JournalVerification;
import io.cairn.cli.CairnCommand;
import io.cairn.cli.ClientCommand;
import io.cairn.cli.ExitCodes;
import io.cairn.engine.daemon.OfflineJournal;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code cairn journal verify}: every entry readable, CRCs right, indices contiguous; exit 1 otherwise.
 * Asks the daemon when one runs; otherwise (a daemon refuses to start on a damaged journal) reads the
 * journal in this process, without starting one.
 */
@Command(name = "verify", description = "Check every journal entry's checksum and the indices' continuity.")
public final class JournalVerify extends ClientCommand {

    @Override
    protected int run() {
        Optional<JournalVerification> offline = OfflineJournal.verifyIfStopped(((CairnCommand) spec.root().userObject()).root());
        JsonNode r = offline.isPresent()
                ? io.cairn.cli.client.ApiClient.json().valueToTree(offline.get())
                : client().get("/cairn/journal/verify");
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
