package io.cairn.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time (user + sys of every thread of the benchmark JVM: the measured code, its helper threads,
 * RocksDB's background jobs, GC and JIT) and wall time per operation over a measured span. On a
 * shared host the wall time depends on the other tenants; the CPU time per operation much less,
 * so both are printed: {@code cpu[LABEL] wall=… ns/op cpu=… ns/op THREAD=… ns/op} per span, and
 * the medians of every span with {@link #summary}. THREAD is the CPU time of the one thread that
 * bounds the rate (the pipeline's consumer, a replay's projecting thread): 1e9 / its ns/op is the
 * rate that thread could sustain with a core of its own. Not thread-safe: one thread starts and
 * stops spans.
 */
final class CpuMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String label;
    private final String thread;
    private final java.util.function.LongSupplier threadCpu;
    private final List<double[]> spans = new ArrayList<>();
    private long cpuStart;
    private long threadStart;
    private long wallStart;

    /** @param threadCpu the CPU nanoseconds so far of the thread named {@code thread} */
    CpuMeter(String label, String thread, java.util.function.LongSupplier threadCpu) {
        this.label = label;
        this.thread = thread;
        this.threadCpu = threadCpu;
    }

    /** The CPU time of the live thread named {@code name}, read from any thread. */
    static java.util.function.LongSupplier cpuOf(String name) {
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread named " + name)).getId();
        return () -> ManagementFactory.getThreadMXBean().getThreadCpuTime(id);
    }

    /** The CPU time of the calling thread (start and stop must then be called on the same thread). */
    static java.util.function.LongSupplier callerCpu() {
        return () -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    void start() {
        wallStart = System.nanoTime();
        cpuStart = OS.getProcessCpuTime();
        threadStart = threadCpu.getAsLong();
    }

    /** Ends the span begun by {@link #start} over {@code ops} operations, prints it and, if {@code keep}, keeps it. */
    void stop(long ops, boolean keep) {
        long threadUsed = threadCpu.getAsLong() - threadStart;
        long cpu = OS.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        double[] span = {(double) wall / ops, (double) cpu / ops, (double) threadUsed / ops};
        System.out.printf("%ncpu[%s] wall=%.0f ns/op cpu=%.0f ns/op %s=%.0f ns/op (%d ops, %.2f cores busy)%n", label,
                span[0], span[1], thread, span[2], ops, (double) cpu / wall);
        if (keep) {
            spans.add(span);
        }
    }

    /** Prints the medians of the kept spans. */
    void summary() {
        if (spans.isEmpty()) {
            return;
        }
        System.out.printf("%ncpu[%s] median of %d: wall=%.0f ns/op cpu=%.0f ns/op %s=%.0f ns/op%n", label, spans.size(),
                median(0), median(1), thread, median(2));
    }

    private double median(int column) {
        double[] values = spans.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
