/**
 * Fixtures for measuring {@code cairn journal rebuild} through the real CLI and daemon: a root whose
 * journal holds a chosen number of entries and whose index is already caught up, so that the daemon
 * starts without a long recovery replay.
 */
package io.cairn.bench.rebuild;
