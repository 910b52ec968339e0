package io.cairn.engine.main;

import io.cairn.engine.daemon.OfflineJournal;
import io.cairn.engine.recovery.RootRepair;
import io.cairn.journal.RepairReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cairn journal repair}: with the daemon stopped, cuts a damaged journal back to its last good
 * entry, reports every dropped entry (index and event type), rebuilds the index, and moves what the
 * index no longer knows to {@code lost+found}. Runs in the engine JVM, never through a daemon;
 * refuses while one runs.
 */
@Command(name = "repair", description = "Cut a damaged journal back to its last good entry and rebuild the index "
        + "(the daemon must be stopped).")
public final class JournalRepair implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RootRepair.Outcome outcome = OfflineJournal.repair(((EngineCommand) spec.root().userObject()).root());
        RepairReport cut = outcome.journal();
        if (!outcome.changed()) {
            out.println("journal: " + cut.kept() + " entries, sound: nothing to repair");
            return 0;
        }
        if (!cut.repaired()) {
            out.println("journal: " + cut.kept() + " entries, sound, but the index had applied entries up to "
                    + outcome.indexWasAt() + " that it no longer holds (a damaged last entry)");
        } else {
            out.println("journal: cut back to index " + cut.kept() + "; dropped " + cut.dropped().size() + " frame(s):");
        }
        for (RepairReport.Dropped d : cut.dropped()) {
            out.println("  dropped " + (d.readable()
                    ? "index " + d.index() + " " + d.type()
                    : "unreadable frame" + (d.index() < 0 ? "" : " claiming index " + d.index()) + ": " + d.problem())
                    + " (" + d.where() + ")");
        }
        if (cut.repaired()) {
            out.println("damaged journal kept in " + cut.damagedCopy());
        }
        out.println("index rebuilt from entries 1.." + cut.kept() + ": " + outcome.digest());
        for (String moved : outcome.salvaged()) {
            out.println("moved to lost+found (unknown to the repaired journal): " + moved);
        }
        out.flush();
        return 0;
    }
}
