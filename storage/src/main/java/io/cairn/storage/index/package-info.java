/**
 * The ordered key-value index: the {@link io.cairn.storage.index.IndexStore} contract, its atomic
 * {@link io.cairn.storage.index.IndexBatch}, and what every implementation shares (family names,
 * key helpers, the state-digest encoding). Implementations live in sub-packages.
 */
package io.cairn.storage.index;
