package io.cairn.cli.journal;

import picocli.CommandLine.Command;

/** {@code cairn journal}: the event log itself. */
@Command(name = "journal", description = "Inspect, verify, replay, snapshot and repair the journal.",
        subcommands = {JournalVerify.class, JournalRebuild.class, JournalSnapshot.class, JournalDump.class,
                JournalRepair.class})
public final class JournalCommand {
}
