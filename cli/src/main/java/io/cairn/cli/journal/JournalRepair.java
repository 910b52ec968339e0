package io.cairn.cli.journal;

import io.cairn.cli.command.EngineHandover;
import picocli.CommandLine.Command;

/**
 * {@code cairn journal repair}: with the daemon stopped, cuts a damaged journal back to its last good
 * entry and rebuilds the index, in the engine's JVM ({@code io.cairn.engine.main.JournalRepair}).
 */
@Command(name = "repair", description = "Cut a damaged journal back to its last good entry and rebuild the index "
        + "(the daemon must be stopped).")
public final class JournalRepair extends EngineHandover {
}
