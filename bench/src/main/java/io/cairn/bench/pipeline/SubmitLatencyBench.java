package io.cairn.bench.pipeline;

import io.cairn.journal.Durability;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Submit→indexed latency at a fixed offered rate, open loop: one pacer submits command {@code i} at
 * {@code start + i / rate} whatever earlier commands are doing (it does not wait for them, so a
 * slow command cannot hold back the next ones and hide its own delay), and each command's latency
 * runs from just before {@code submit} to the completion of its future, taken on the thread that
 * completes it. Commands alternate create NAME / remove NAME.
 *
 * <p>One invocation is one paced window of {@code seconds}; JMH's score (the window's wall time)
 * only confirms the pacing held. The results are the lines this benchmark prints:
 * {@code latency[...] n=… p50=… p99=… p99.9=… max=…} per iteration and, at the end, over every
 * measurement iteration together.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.GC})
@Threads(1)
@State(Scope.Benchmark)
public class SubmitLatencyBench {

    /** Below this much time to wait, the pacer spins instead of parking (a park oversleeps ~50 µs). */
    private static final long SPIN_NANOS = 20_000;

    @Param({"10000"})
    public int rate;

    @Param({"2"})
    public int seconds;

    @Param({"PROCESS", "SYNC"})
    public Durability durability;

    @Param({"NONE", "DIRECTORY"})
    public Effects effects;

    /** The index's memtable per family in MiB ({@code index-write-buffer}; the daemon's default is 1). */
    @Param({"1"})
    public int writeBufferMiB;

    private PipelineFixture fixture;
    private VolumeCommands commands;
    private long[] submitted;
    private long[] completed;
    private long[] latencies;
    private long[] measured;
    private int measuredCount;
    private long windowNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private long next;

    @Setup(Level.Trial)
    public void open(org.openjdk.jmh.infra.BenchmarkParams params) {
        fixture = PipelineFixture.open(durability, writeBufferMiB);
        commands = new VolumeCommands(fixture.volumes, effects);
        int n = Math.multiplyExact(rate, seconds);
        submitted = new long[n];
        completed = new long[n];
        latencies = new long[n];
        measured = new long[Math.multiplyExact(n, params.getMeasurement().getCount())];
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            if (measuredCount > 0) {
                System.out.println(label() + " all measurement iterations: " + Percentiles.of(measured, measuredCount).describe());
            }
        } finally {
            fixture.close();
        }
    }

    @Benchmark
    public int pacedWindow() {
        int n = submitted.length;
        long period = 1_000_000_000L / rate;
        CompletableFuture<?>[] futures = new CompletableFuture<?>[n];
        long start = System.nanoTime();
        String name = null;
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > SPIN_NANOS) {
                    LockSupport.parkNanos(wait - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
            if ((i & 1) == 0) {
                name = "v" + next++;
            }
            int slot = i;
            submitted[slot] = System.nanoTime();
            CompletableFuture<Void> f = fixture.pipeline.submit((i & 1) == 0 ? commands.create(name) : commands.remove(name), 0);
            futures[slot] = f.whenComplete((ok, error) -> {
                completed[slot] = System.nanoTime();
                if (error != null) {
                    failures.incrementAndGet();
                }
            });
        }
        CompletableFuture.allOf(futures).join();
        windowNanos = System.nanoTime() - start;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + n + " commands failed");
        }
        return n;
    }

    @TearDown(Level.Iteration)
    public void report(IterationParams iteration) {
        int n = submitted.length;
        for (int i = 0; i < n; i++) {
            latencies[i] = completed[i] - submitted[i];
        }
        Percentiles p = Percentiles.of(latencies, n);
        System.out.printf("%n%s %s %s offered %d/s achieved %.0f/s%n", label(), iteration.getType(), p.describe(), rate,
                n / (windowNanos / 1e9));
        if (iteration.getType() == IterationType.MEASUREMENT) {
            System.arraycopy(latencies, 0, measured, measuredCount, n);
            measuredCount += n;
        }
    }

    private String label() {
        return "latency[durability=" + durability + ",effects=" + effects + ",rate=" + rate + ",writeBufferMiB="
                + writeBufferMiB + "]";
    }
}
