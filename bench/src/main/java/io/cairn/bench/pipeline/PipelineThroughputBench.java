package io.cairn.bench.pipeline;

import io.cairn.journal.Durability;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * End-to-end pipeline throughput: several submitter threads each keep a window of
 * {@value #WINDOW} volume commands in flight (create NAME, remove NAME, alternating, so the index
 * and the volumes directory stay small), and an operation counts once its future completed, i.e.
 * once its events are journaled (flushed per batch) and indexed, and its effect (if any) has run.
 * Score: metadata operations per second, all threads together.
 *
 * <p>{@code durability=PROCESS} is the daemon's default ({@code Journal.flush} returns at once, the
 * mapped pages belong to the kernel; RocksDB writes its WAL without fsync); {@code SYNC} fsyncs the
 * journal and the RocksDB WAL once per Disruptor batch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.GC})
@Threads(4)
@State(Scope.Benchmark)
public class PipelineThroughputBench {

    /** Commands each submitter keeps in flight before waiting for them. */
    static final int WINDOW = 256;

    @Param({"PROCESS", "SYNC"})
    public Durability durability;

    @Param({"NONE", "DIRECTORY"})
    public Effects effects;

    /** The index's memtable per family in MiB ({@code index-write-buffer}; the daemon's default is 1). */
    @Param({"1"})
    public int writeBufferMiB;

    private PipelineFixture fixture;
    private VolumeCommands commands;
    private CpuMeter cpu;
    private final java.util.concurrent.atomic.AtomicLong ops = new java.util.concurrent.atomic.AtomicLong();

    @Setup(Level.Trial)
    public void open() {
        fixture = PipelineFixture.open(durability, writeBufferMiB);
        commands = new VolumeCommands(fixture.volumes, effects);
        cpu = new CpuMeter("pipeline durability=" + durability + ",effects=" + effects + ",writeBufferMiB="
                + writeBufferMiB, "cairn-pipeline", CpuMeter.cpuOf("cairn-pipeline"));
    }

    @TearDown(Level.Trial)
    public void close() {
        cpu.summary();
        fixture.close();
    }

    /** CPU per operation of each iteration, all threads of the JVM (submitters included). */
    @Setup(Level.Iteration)
    public void startIteration() {
        ops.set(0);
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void endIteration(org.openjdk.jmh.infra.IterationParams params) {
        cpu.stop(Math.max(1, ops.get()), params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT);
    }

    /** One submitter's names: {@code s<thread>-<n>}. */
    @State(Scope.Thread)
    public static class Submitter {
        final CompletableFuture<?>[] window = new CompletableFuture<?>[WINDOW];
        String prefix;
        long next;

        @Setup(Level.Trial)
        public void name(ThreadParams thread) {
            prefix = "s" + thread.getThreadIndex() + "-";
        }
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void createRemove(Submitter s) {
        for (int i = 0; i < WINDOW; i += 2) {
            String name = s.prefix + s.next++;
            s.window[i] = fixture.pipeline.submit(commands.create(name), 0);
            s.window[i + 1] = fixture.pipeline.submit(commands.remove(name), 0);
        }
        // join() rethrows a rejected or failed command: a broken pipeline fails the benchmark
        CompletableFuture.allOf(s.window).join();
        ops.addAndGet(WINDOW);
    }
}
