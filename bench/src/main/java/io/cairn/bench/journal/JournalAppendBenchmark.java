package io.cairn.bench.journal;

import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Appends to a {@link ChronicleJournal} the way the pipeline's journal stage does: a batch of
 * {@value #BATCH} entries of ~100-byte payloads, then one {@code flush()}. Reported per entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    // Chronicle's flags come from the host JVM (scripts/bench/jmh.sh), whose arguments JMH forks with
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class JournalAppendBenchmark {

    static final int BATCH = 100;

    @Param({"PROCESS", "SYNC"})
    public Durability durability;

    private Path dir;
    private ChronicleJournal journal;
    private byte[] payload;

    @Setup(Level.Trial)
    public void open() {
        dir = BenchJournals.createDirectory();
        journal = ChronicleJournal.open(dir, durability);
        payload = new byte[100];
        new Random(42).nextBytes(payload);
    }

    @TearDown(Level.Trial)
    public void close() {
        journal.close();
        BenchJournals.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long appendBatchThenFlush() {
        long last = 0;
        for (int i = 0; i < BATCH; i++) {
            last = journal.append("container.start", 1, System.currentTimeMillis() * 1_000_000L, 1000, payload);
        }
        journal.flush();
        return last;
    }
}
