/** An in-memory {@link io.cairn.storage.index.IndexStore} with RocksDB's semantics, for tests. */
package io.cairn.storage.index.memory;
