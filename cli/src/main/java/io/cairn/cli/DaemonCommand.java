package io.cairn.cli;

import io.cairn.cli.command.EngineHandover;
import picocli.CommandLine.Command;

/**
 * {@code cairn daemon}: runs the engine for the root in the foreground until SIGTERM, in the engine's
 * JVM ({@code io.cairn.engine.main.DaemonCommand} holds its flags).
 */
@Command(name = "daemon", description = "Run the engine in the foreground.")
public final class DaemonCommand extends EngineHandover {
}
