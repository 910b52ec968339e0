/**
 * {@code cairn system tune}: short measurements of this machine (fsync latency of the root's file
 * system, the write path's throughput and latency under a few settings, the index's size) and the
 * daemon.json settings they argue for, each with its reason. docs/TUNING.md describes the knobs.
 */
package io.cairn.engine.tune;
