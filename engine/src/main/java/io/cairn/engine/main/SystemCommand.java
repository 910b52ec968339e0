package io.cairn.engine.main;

import picocli.CommandLine.Command;

/** {@code cairn system}: only the subcommands that run in the engine's JVM. */
@Command(name = "system", description = "Manage Cairn.", subcommands = {SystemTune.class})
public final class SystemCommand {
}
