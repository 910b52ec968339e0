package io.cairn.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time (user + sys of every thread of the benchmark JVM: the measured code, its helper threads,
 * RocksDB's background jobs, GC and JIT) and wall time per operation over a measured span. On a
 * shared host the wall time depends on the other tenants; the CPU time per operation much less,
 * so both are printed: {@code cpu[LABEL] wall=… ns/op cpu=… ns/op} per span, and the medians of
 * every span with {@link #summary}. Not thread-safe: one thread starts and stops spans.
 */
final class CpuMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String label;
    private final List<double[]> spans = new ArrayList<>();
    private long cpuStart;
    private long wallStart;

    CpuMeter(String label) {
        this.label = label;
    }

    void start() {
        wallStart = System.nanoTime();
        cpuStart = OS.getProcessCpuTime();
    }

    /** Ends the span begun by {@link #start} over {@code ops} operations, prints it and, if {@code keep}, keeps it. */
    void stop(long ops, boolean keep) {
        long cpu = OS.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        double[] span = {(double) wall / ops, (double) cpu / ops};
        System.out.printf("%ncpu[%s] wall=%.0f ns/op cpu=%.0f ns/op (%d ops, %.2f cores busy)%n", label, span[0], span[1],
                ops, (double) cpu / wall);
        if (keep) {
            spans.add(span);
        }
    }

    /** Prints the medians of the kept spans. */
    void summary() {
        if (spans.isEmpty()) {
            return;
        }
        System.out.printf("%ncpu[%s] median of %d: wall=%.0f ns/op cpu=%.0f ns/op%n", label, spans.size(), median(0),
                median(1));
    }

    private double median(int column) {
        double[] values = spans.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
