package io.cairn.bench.pipeline;

import io.cairn.engine.Engine;
import io.cairn.engine.daemon.RocksIndexLocation;
import io.cairn.engine.container.OciBundleWriter;
import io.cairn.engine.runtime.runc.ConmonRuncRuntime;
import io.cairn.engine.runtime.runc.RuncOptions;
import io.cairn.engine.runtime.spec.SpecGenerator;
import io.cairn.engine.layout.RootLayout;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
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
 * Volume create + remove exactly as the daemon runs them (an opened {@link Engine}, its
 * {@code VolumeService}, the directory effect, one blocking caller per thread as one API request per
 * connection would be). Score: volume operations per second over all threads; with blocking callers
 * it is threads / round trip, so it shows what the API path gets, not the pipeline's ceiling
 * ({@link PipelineThroughputBench} measures that).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.GC})
@Threads(8)
@State(Scope.Benchmark)
public class VolumeServiceBench {

    @Param({"PROCESS"})
    public Durability durability;

    private Path dir;
    private Engine engine;

    @Setup(Level.Trial)
    public void open() {
        dir = TempDirs.create("cairn-bench-engine");
        RootLayout root = new RootLayout(dir).create();
        try {
            engine = Engine.open(root, ChronicleJournal.open(root.journal(), durability),
                    new RocksIndexLocation(root.index(), durability == Durability.SYNC), PipelineFixture.RING_SIZE, 0,
                    new ConmonRuncRuntime(RuncOptions.defaults(root.dir())),
                    new OciBundleWriter(SpecGenerator.forThisHost()));
        } catch (java.io.IOException e) {
            TempDirs.delete(dir);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            engine.close();
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** One caller's volume names. */
    @State(Scope.Thread)
    public static class Caller {
        String prefix;
        long next;

        @Setup(Level.Trial)
        public void name(ThreadParams thread) {
            prefix = "c" + thread.getThreadIndex() + "-";
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void createRemove(Caller c) {
        String name = c.prefix + c.next++;
        engine.volumes().create(new VolumeCreateRequest(name, null, null, null), 0);
        engine.volumes().remove(name, false, 0);
    }
}
