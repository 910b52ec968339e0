package io.cairn.bench.journal;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.chronicle.ChronicleJournal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reads back a journal of {@value #ENTRIES} entries (~100-byte payloads): a full replay, as
 * recovery does into an empty index (reported per entry), and a replay of one entry from a
 * random index, which measures the seek through the Cairn-to-Chronicle index map (per seek).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    // Chronicle's flags come from the host JVM (scripts/bench/jmh.sh), whose arguments JMH forks with
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class JournalReplayBenchmark {

    static final int ENTRIES = 200_000;

    private Path dir;
    private ChronicleJournal journal;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void write() {
        dir = BenchJournals.createDirectory();
        journal = ChronicleJournal.open(dir, Durability.PROCESS);
        byte[] payload = new byte[100];
        new Random(42).nextBytes(payload);
        for (int i = 0; i < ENTRIES; i++) {
            journal.append("container.start", 1, i, 1000, payload);
        }
        journal.flush();
    }

    @TearDown(Level.Trial)
    public void close() {
        journal.close();
        BenchJournals.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long replayAll(Blackhole blackhole) {
        return journal.replay(1, Long.MAX_VALUE, entry -> {
            blackhole.consume(entry);
            return true;
        });
    }

    @Benchmark
    public JournalEntry replayOneFromRandomIndex() {
        JournalEntry[] found = new JournalEntry[1];
        long index = 1 + random.nextInt(ENTRIES);
        journal.replay(index, index, entry -> {
            found[0] = entry;
            return false;
        });
        return found[0];
    }
}
