package io.cairn.engine.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.JournalVerification;
import io.cairn.engine.daemon.OfflineJournal;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cairn journal verify} without a daemon, for the client: the client asks the daemon when one
 * answers and, when none does, runs this in the engine JVM (a daemon refuses to start on a damaged
 * journal, so this is how a damaged one is verified). Prints the report as one line of JSON, the body
 * {@code GET /cairn/journal/verify} answers with, for the client to render; prints nothing when a
 * daemon holds the root or the root has no journal yet, meaning: ask the daemon.
 */
@Command(name = "verify", description = "Check every journal entry's checksum and the indices' continuity.")
public final class JournalVerify implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<JournalVerification> report = OfflineJournal.verifyIfStopped(((EngineCommand) spec.root().userObject()).root());
        PrintWriter out = spec.commandLine().getOut();
        if (report.isPresent()) {
            out.println(new ObjectMapper().writeValueAsString(report.get()));
        }
        out.flush();
        return 0;
    }
}
