/**
 * The runtime as runc under conmon: launching conmon per container, runc's command line, the files
 * conmon leaves (pid, exit code), and {@code /proc} reads for a monitor outside the daemon's process
 * tree.
 */
package io.cairn.engine.runtime.runc;
