/**
 * {@link io.cairn.storage.index.IndexStore} on RocksDB, its memory tuning, and the loader of its
 * native library. No RocksDB type leaves this package.
 */
package io.cairn.storage.index.rocks;
