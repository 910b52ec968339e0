/**
 * Persistence primitives of Cairn, with no knowledge of images or containers: the ordered key-value
 * index ({@link io.cairn.storage.index}), the content-addressed blob store
 * ({@link io.cairn.storage.blob}) and digests ({@link io.cairn.storage.digest}).
 */
package io.cairn.storage;
