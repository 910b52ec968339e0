/**
 * Reliability trials: crash matrices, concurrency and a full disk, checked against invariants of the
 * root (no leaks, index equals journal) after each trial.
 */
package io.cairn.it.reliability;
