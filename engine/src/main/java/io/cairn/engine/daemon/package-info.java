/**
 * The daemon's process around the engine: the root's lock and pid file, closing a root to other
 * users at start, the RocksDB index location, and the journal commands that run without a daemon.
 */
package io.cairn.engine.daemon;
