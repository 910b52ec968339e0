package io.cairn.engine.main;

import picocli.CommandLine.Command;

/** {@code cairn journal}: only the subcommands that read the journal in this process. */
@Command(name = "journal", description = "Inspect, verify, replay and repair the journal.",
        subcommands = {JournalVerify.class, JournalRepair.class})
public final class JournalCommand {
}
