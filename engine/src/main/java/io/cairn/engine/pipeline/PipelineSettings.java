package io.cairn.engine.pipeline;

/**
 * The write path's knobs (daemon.json's {@code ring-size}, {@code batch-limit},
 * {@code effect-threads}; docs/TUNING.md).
 *
 * @param ringSize      slots of the Disruptor ring: commands submitted but not yet taken by the
 *                      pipeline thread; a power of two, 64 … 65536. A full ring makes submitters wait.
 * @param batchLimit    most commands journaled per flush and indexed per RocksDB write (the
 *                      Disruptor batch); 0 means no limit but the ring's size. A smaller batch
 *                      answers its first caller sooner, a larger one flushes less often.
 * @param effectThreads threads running effects (directory creation and removal, runtime clean-up)
 *                      after their decision is indexed, 1 … 64
 */
public record PipelineSettings(int ringSize, int batchLimit, int effectThreads) {

    /** The daemon's settings before there were knobs: 4096 slots, no batch limit, 2 effect threads. */
    public static final PipelineSettings DEFAULTS = new PipelineSettings(4096, 0, 2);

    public PipelineSettings {
        if (ringSize < 64 || ringSize > 65536) {
            throw new IllegalArgumentException("ring size must be between 64 and 65536, was " + ringSize);
        }
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size " + ringSize + " is not a power of two");
        }
        if (batchLimit < 0 || batchLimit > ringSize) {
            throw new IllegalArgumentException("batch limit must be between 0 (none) and the ring size "
                    + ringSize + ", was " + batchLimit);
        }
        if (effectThreads < 1 || effectThreads > 64) {
            throw new IllegalArgumentException("effect threads must be between 1 and 64, was " + effectThreads);
        }
    }
}
