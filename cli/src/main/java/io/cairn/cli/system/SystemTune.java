package io.cairn.cli.system;

import io.cairn.cli.command.EngineHandover;
import picocli.CommandLine.Command;

/**
 * {@code cairn system tune}: measures this machine with the engine's own write path and recommends
 * daemon.json settings, in the engine's JVM ({@code io.cairn.engine.main.SystemTune} holds its flags).
 */
@Command(name = "tune", description = "Measure this machine and recommend daemon.json settings (about 20 s).")
public final class SystemTune extends EngineHandover {
}
