package io.cairn.cli.journal;

import picocli.CommandLine.Command;

/** {@code cairn journal}: the event log itself. */
@Command(name = "journal", description = "Inspect, verify and replay the journal.",
        subcommands = {JournalVerify.class, JournalRebuild.class, JournalDump.class})
public final class JournalCommand {
}
