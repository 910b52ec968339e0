/**
 * The engine JVM's entry point: the commands that need the engine's classes in their own process
 * ({@code cairn daemon}, {@code cairn journal repair}, and {@code cairn journal verify} when no daemon
 * runs). {@code bin/cairn} picks {@link io.cairn.engine.main.EngineMain} for them, with the engine's
 * class path and Chronicle's JVM flags; every other command runs in the client JVM (the cli module),
 * which never loads an engine class. Flags, messages and exit codes are the CLI's (CLI.md).
 */
package io.cairn.engine.main;
