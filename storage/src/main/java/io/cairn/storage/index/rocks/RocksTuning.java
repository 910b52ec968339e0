package io.cairn.storage.index.rocks;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The native option objects of one {@link RocksIndexStore}, sized for a daemon whose whole idle RSS
 * budget is 110 MiB. Cairn's index is small (thousands of keys, values of a few KiB) and written by
 * one thread, so RocksDB's server defaults (32 MiB block cache, 64 MiB memtables per family, stats
 * dumps, unbounded open files) are cut down:
 *
 * <ul>
 *   <li>one 8 MiB LRU block cache shared by every family, which also holds index and filter blocks
 *       ({@code cache_index_and_filter_blocks}, L0 ones pinned) so they are bounded too;</li>
 *   <li>memtables: 1 MiB per family, at most 2 per family, and a {@link WriteBufferManager} capping
 *       all of them together at 4 MiB (a flush starts when the total reaches it);</li>
 *   <li>at most 64 open SST files, a 1 MiB × 2 info log, no stats dump or stats persistence;</li>
 *   <li>the WAL is capped at 16 MiB so a rarely written family cannot pin old WAL files;</li>
 *   <li>bloom filters (10 bits/key) for point lookups, LZ4 for data blocks, 2 background jobs.</li>
 * </ul>
 *
 * A {@link #forRebuild rebuild}'s options differ: see there.
 *
 * <p>Closing releases every object; do it only after the database and its handles are closed.
 */
final class RocksTuning implements AutoCloseable {

    static final int MAX_OPEN_FILES = 64;

    final LRUCache cache;
    final BloomFilter filter;
    final WriteBufferManager writeBuffers;
    final DBOptions dbOptions;
    final ColumnFamilyOptions familyOptions;
    final WriteOptions writeOptions;

    RocksTuning(boolean syncWrites) {
        this(syncWrites, RocksSettings.DEFAULTS);
    }

    /** Smallest memtable of a rebuild, and of all its memtables together (they live while it runs). */
    static final long REBUILD_WRITE_BUFFER = 32L << 20;
    static final long REBUILD_ALL_WRITE_BUFFERS = 96L << 20;

    /** The options above with an operator's sizes ({@link RocksSettings}; the defaults are the constants here). */
    RocksTuning(boolean syncWrites, RocksSettings settings) {
        this(syncWrites, settings, false);
    }

    /**
     * The options of a store filled once by a replay ({@link RocksIndexStore#openForRebuild}):
     * writes skip the WAL, memtables are at least {@value #REBUILD_WRITE_BUFFER} bytes (at least
     * {@value #REBUILD_ALL_WRITE_BUFFERS} in all) so that a million events make a handful of flushes
     * rather than hundreds, and automatic compactions are off (the store is compacted once when
     * closed). The memtables' memory is the rebuild's only; the daemon's own index keeps its sizes.
     */
    static RocksTuning forRebuild(RocksSettings settings) {
        return new RocksTuning(false, settings, true);
    }

    private RocksTuning(boolean syncWrites, RocksSettings settings, boolean rebuild) {
        cache = new LRUCache(settings.blockCacheBytes());
        filter = new BloomFilter(10);
        long writeBuffer = rebuild ? Math.max(settings.writeBufferBytes(), REBUILD_WRITE_BUFFER)
                : settings.writeBufferBytes();
        long allWriteBuffers = rebuild ? Math.max(settings.allWriteBuffersBytes(), REBUILD_ALL_WRITE_BUFFERS)
                : settings.allWriteBuffersBytes();
        writeBuffers = new WriteBufferManager(allWriteBuffers, cache);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(filter)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setBlockSize(16 << 10);
        familyOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(writeBuffer)
                .setDisableAutoCompactions(rebuild)
                .setMaxWriteBufferNumber(settings.maxWriteBuffers())
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true);
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setWriteBufferManager(writeBuffers)
                .setMaxOpenFiles(MAX_OPEN_FILES)
                .setTableCacheNumshardbits(4)
                .setMaxBackgroundJobs(settings.backgroundJobs())
                .setMaxTotalWalSize(16L << 20)
                .setStatsDumpPeriodSec(0)
                .setStatsPersistPeriodSec(0)
                .setInfoLogLevel(InfoLogLevel.INFO_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(1L << 20);
        // The WAL is on for every store but a rebuild's: it is what makes a batch durable before the
        // memtable is flushed (a rebuild flushes when closed instead). sync=true adds an fsync per batch.
        writeOptions = new WriteOptions().setSync(syncWrites).setDisableWAL(rebuild);
    }

    @Override
    public void close() {
        writeOptions.close();
        familyOptions.close();
        dbOptions.close();
        writeBuffers.close();
        filter.close();
        cache.close();
    }
}
