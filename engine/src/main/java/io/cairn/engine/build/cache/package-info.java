/**
 * The build cache: a step's cache key, the index records that map keys to the images steps made,
 * their projection, and pruning.
 */
package io.cairn.engine.build.cache;
