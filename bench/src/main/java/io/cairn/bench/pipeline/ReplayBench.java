package io.cairn.bench.pipeline;

import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.recovery.Replayer;
import io.cairn.engine.state.Families;
import io.cairn.engine.Projections;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.memory.MemoryIndexStore;
import io.cairn.storage.index.rocks.RocksIndexStore;
import io.cairn.storage.index.rocks.RocksSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay/rebuild rate: {@link Replayer#replay} of a whole journal into an empty index, which is the
 * core of {@code cairn journal rebuild} (the command adds a digest of both indexes and a rename).
 * The journal is written once per trial: {@value #EVENTS} entries in the pattern create a, create b,
 * create c, remove a (750k creates, 250k removes, 500k volumes left), JSON payloads as the engine
 * encodes them. Each invocation replays all of it into a fresh store.
 *
 * <p>Score: nanoseconds per event (SingleShotTime over {@value #EVENTS} operations); 1M events/s is
 * 1000 ns/event. The timed part includes closing the store, which for {@code store=ROCKS} flushes
 * and compacts it. {@code ROCKS} is the rebuild's store ({@code RocksIndexStore.openForRebuild}, as
 * {@code cairn journal rebuild} opens it); {@code ROCKS_LIVE} is a store opened as the daemon opens
 * its live index (WAL on, small memtables: the catch-up replay at start-up); {@code MEMORY} replays
 * into the in-memory index to separate journal read, JSON decode and projection from RocksDB's writes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP, Jvm.GC})
@State(Scope.Benchmark)
public class ReplayBench {

    static final int EVENTS = 1_000_000;

    /** Where the replay writes. */
    public enum Store {
        ROCKS,
        ROCKS_LIVE,
        MEMORY
    }

    @Param({"ROCKS", "ROCKS_LIVE", "MEMORY"})
    public Store store;

    private Path dir;
    private ChronicleJournal journal;
    private IndexStore target;
    private Path targetDir;
    private int invocation;
    private long applied;
    private CpuMeter cpu;
    private boolean measuring;
    private final Replayer replayer = new Replayer(new EventCodec(), Projections.all());

    @Setup(Level.Trial)
    public void writeJournal() {
        dir = TempDirs.create("cairn-bench-replay");
        journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS);
        EventCodec codec = new EventCodec();
        long time = System.currentTimeMillis() * 1_000_000L;
        String mountpoints = dir.resolve("volumes") + "/";
        for (int i = 0; i < EVENTS; i++) {
            int group = i / 4;
            Event event = switch (i % 4) {
                case 3 -> new VolumeRemoved("vol-" + group + "-0");
                default -> {
                    String name = "vol-" + group + "-" + (i % 4);
                    yield new VolumeCreated(name, "local", mountpoints + name, Map.of(), Map.of());
                }
            };
            journal.append(EventTypes.nameOf(event), EventTypes.versionOf(EventTypes.nameOf(event)), time + i, 0, codec.encode(event));
        }
        journal.flush();
        if (journal.lastIndex() != EVENTS) {
            throw new IllegalStateException("journal " + journal.directory() + " ends at " + journal.lastIndex()
                    + " after appending " + EVENTS + " entries");
        }
    }

    @TearDown(Level.Trial)
    public void deleteJournal() {
        cpu.summary();
        try {
            journal.close();
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Setup(Level.Iteration)
    public void iteration(org.openjdk.jmh.infra.IterationParams params) {
        if (cpu == null) {
            cpu = new CpuMeter("replay store=" + store, "replaying-thread", CpuMeter.callerCpu());
        }
        measuring = params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
    }

    @Setup(Level.Invocation)
    public void emptyStore() {
        targetDir = dir.resolve("index-" + invocation++);
        target = switch (store) {
            case ROCKS -> RocksIndexStore.openForRebuild(targetDir, Families.ALL, RocksSettings.DEFAULTS);
            case ROCKS_LIVE -> RocksIndexStore.open(targetDir, Families.ALL, false);
            case MEMORY -> MemoryIndexStore.open(Families.ALL);
        };
    }

    @TearDown(Level.Invocation)
    public void dropStore() throws IOException {
        try {
            if (applied != EVENTS) {
                throw new IllegalStateException("replay into " + targetDir + " stopped at entry " + applied);
            }
            if (store != Store.MEMORY) {
                // what was flushed when the store closed is what a reopen finds
                try (RocksIndexStore reopened = RocksIndexStore.open(targetDir, Families.ALL, false)) {
                    if (reopened.lastApplied() != EVENTS) {
                        throw new IllegalStateException("reopened " + targetDir + " at entry " + reopened.lastApplied());
                    }
                }
            }
        } finally {
            target.close();
            if (store != Store.MEMORY) {
                RocksIndexStore.destroy(targetDir);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long replay() throws IOException {
        cpu.start();
        long n = replayer.replay(journal, target, 1);
        applied = target.lastApplied();
        target.close();
        cpu.stop(EVENTS, measuring);
        return n;
    }
}
