package io.cairn.bench.layer;

import io.cairn.storage.layer.LayerUnpacker;
import io.cairn.storage.layer.UnpackResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unpacking one ~50 MB layer tar of many small files: Cairn's {@link LayerUnpacker} (which also
 * computes the diffID and checks every entry) against GNU {@code tar -x} of the same file, side
 * by side. Each invocation extracts into a fresh directory; removing it is not measured.
 * Throughput = {@code tarBytes} (printed at setup) / time per op. Target: Cairn ≥ 80% of tar's.
 *
 * <p>{@code fs=tmpfs} extracts into /dev/shm: the CPU cost of extraction, which is what the two
 * implementations control. {@code fs=disk} extracts under java.io.tmpdir: on a slow disk both are
 * bound by writeback and the ratio mostly measures the disk.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main UnpackThroughput
 * (add -p fs=tmpfs or -p fs=disk for one filesystem only)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 15, batchSize = 1)
@Fork(1)
public class UnpackThroughputBenchmark {
    @Param({"tmpfs", "disk"})
    public String fs;

    private Path work;
    private Path outputs;
    private Path tar;
    private Path target;
    private int round;

    @Setup(Level.Trial)
    public void createLayer() throws IOException {
        work = Files.createTempDirectory("cairn-bench-unpack-");
        tar = work.resolve("layer.tar");
        int files = LayerTarFixture.write(tar, 50L << 20);
        outputs = fs.equals("tmpfs")
                ? Files.createTempDirectory(Path.of("/dev/shm"), "cairn-bench-unpack-")
                : Files.createDirectory(work.resolve("out"));
        System.err.printf("%nlayer tar: %d bytes, %d files; extracting under %s%n", Files.size(tar), files, outputs);
    }

    @Setup(Level.Invocation)
    public void freshTarget() {
        target = outputs.resolve("out-" + round++);
    }

    @TearDown(Level.Invocation)
    public void removeTarget() throws IOException {
        deleteTree(target);
    }

    @TearDown(Level.Trial)
    public void removeLayer() throws IOException {
        deleteTree(outputs);
        deleteTree(work);
    }

    @Benchmark
    public UnpackResult cairnUnpack() throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return LayerUnpacker.unpack(in, target, Optional.empty());
        }
    }

    @Benchmark
    public int gnuTarExtract() throws IOException, InterruptedException {
        Files.createDirectory(target);
        Process p = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", target.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("tar -x exited " + rc);
        }
        return rc;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || Files.notExists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
