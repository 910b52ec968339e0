package io.cairn.cli.system;

import io.cairn.cli.system.InfoCommand;
import picocli.CommandLine.Command;

/** {@code cairn system}: engine-wide commands. */
@Command(name = "system", description = "Manage Cairn.",
        subcommands = {SystemDigest.class, SystemCheck.class, SystemDf.class, InfoCommand.class, SystemTune.class})
public final class SystemCommand {
}
