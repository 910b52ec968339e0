package io.cairn.engine.tune;

import io.cairn.engine.pipeline.PipelineSettings;
import io.cairn.journal.Durability;
import io.cairn.storage.index.rocks.RocksSettings;

/**
 * One configuration the tuner runs the write path with.
 *
 * @param label      how the report names it
 * @param durability process or sync
 * @param pipeline   ring, batch limit, effect threads
 * @param index      RocksDB sizes
 * @param effects    whether each command carries the volume directory effect (mkdir/rmdir), as the
 *                   engine's volume commands do, or none (the metadata path alone)
 */
public record Trial(String label, Durability durability, PipelineSettings pipeline, RocksSettings index,
                    boolean effects) {

    /** The result of running a trial. */
    public record Result(Trial trial, long commands, double seconds, long p50Micros, long p99Micros) {
        public double opsPerSecond() {
            return commands / seconds;
        }
    }
}
