/**
 * Snapshots of the index: a consistent copy (a RocksDB checkpoint, hard links) of the index at a
 * journal entry N, kept under {@code <root>/snapshots/<N>/} with a manifest, so that a rebuild
 * replays only the entries after N. See {@link io.cairn.engine.snapshot.SnapshotStore}.
 */
package io.cairn.engine.snapshot;
