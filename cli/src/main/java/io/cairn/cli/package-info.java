/**
 * The {@code cairn} command line: picocli commands that talk to the daemon over its unix socket.
 * The client's module depends on the engine's API ({@code io.cairn.api}) and the Dockerfile front end
 * ({@code io.cairn.dockerfile}) only, so no command loads an engine, storage, journal, RocksDB,
 * Chronicle or Jetty class (ModuleRulesTest). The commands that need the engine in their own process
 * ({@code daemon}, {@code journal repair}, and {@code journal verify} without a daemon) run in the
 * engine's JVM ({@link io.cairn.cli.command.EngineHandover}, {@link io.cairn.cli.client.EngineJvm}).
 */
package io.cairn.cli;
