/**
 * The {@code cairn} command line: picocli commands that talk to the daemon over its unix socket.
 * A command that only talks to the daemon loads no RocksDB, Chronicle or Jetty class; only
 * {@code cairn daemon} reaches into the engine's implementation.
 */
package io.cairn.cli;
