package io.cairn.engine.tune;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long an fsync takes on the file system of the root: what {@code durability: sync} adds to
 * every batch (the journal and RocksDB's WAL are each synced once per batch).
 */
final class FsyncProbe {

    /** The latencies of one run. */
    record Result(int syncs, long p50Micros, long p99Micros, long maxMicros) {
    }

    private FsyncProbe() {
    }

    /** Appends 4 KiB and fsyncs, {@code count} times or until {@code maxMillis} passed. */
    static Result run(Path scratch, int count, long maxMillis) throws IOException {
        Path file = scratch.resolve("fsync-probe");
        long[] nanos = new long[count];
        int done = 0;
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (done < count && System.nanoTime() < deadline) {
                block.clear();
                ch.write(block);
                long t = System.nanoTime();
                ch.force(false);
                nanos[done++] = System.nanoTime() - t;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        long[] sorted = Arrays.copyOf(nanos, done);
        Arrays.sort(sorted);
        return new Result(done, PipelineProbe.percentile(sorted, 50), PipelineProbe.percentile(sorted, 99),
                done == 0 ? 0 : sorted[done - 1] / 1000);
    }
}
