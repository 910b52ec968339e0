package io.cairn.storage.index.rocks;

/**
 * The RocksDB knobs an operator may change (daemon.json's {@code index-*} keys; docs/TUNING.md).
 * The defaults are {@link RocksTuning}'s, sized for a 110 MiB idle RSS budget; every value is
 * checked here so that a store is never opened with a setting RocksDB would misread.
 *
 * @param blockCacheBytes        the one LRU block cache shared by every family (data, index and
 *                               filter blocks), 1 MiB … 4 GiB
 * @param writeBufferBytes       one family's memtable before it is flushed, 64 KiB … 1 GiB
 * @param maxWriteBuffers        memtables a family may hold (one being written, the rest being
 *                               flushed), 2 … 16
 * @param allWriteBuffersBytes   all memtables together (a flush starts when they reach it), at
 *                               least {@code writeBufferBytes}, at most 4 GiB
 * @param backgroundJobs         RocksDB's flush and compaction threads, 1 … 16
 */
public record RocksSettings(long blockCacheBytes, long writeBufferBytes, int maxWriteBuffers,
                            long allWriteBuffersBytes, int backgroundJobs) {

    private static final long MIB = 1L << 20;
    private static final long MAX_BYTES = 4L << 30;

    /** RocksTuning's sizes: 8 MiB cache, 1 MiB memtables (2 per family, 4 MiB in all), 2 jobs. */
    public static final RocksSettings DEFAULTS = new RocksSettings(8 * MIB, MIB, 2, 4 * MIB, 2);

    public RocksSettings {
        range("block cache", blockCacheBytes, MIB, MAX_BYTES);
        range("write buffer", writeBufferBytes, 64L << 10, 1L << 30);
        range("write buffers per family", maxWriteBuffers, 2, 16);
        range("all write buffers", allWriteBuffersBytes, writeBufferBytes, MAX_BYTES);
        range("background jobs", backgroundJobs, 1, 16);
    }

    private static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
