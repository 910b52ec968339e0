package io.cairn.bench.pipeline;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of latency samples in nanoseconds.
 *
 * @param count samples
 * @param p50   median
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param max   largest sample
 */
record Percentiles(int count, long p50, long p99, long p999, long max) {

    /** Computes the percentiles of {@code samples[0..count)}; the array is not modified. */
    static Percentiles of(long[] samples, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("no latency samples to summarize");
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Percentiles(count, rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999), sorted[count - 1]);
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    /** {@code n=… p50=…µs p99=…µs p99.9=…µs max=…µs}. */
    String describe() {
        return String.format("n=%d p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus", count, p50 / 1e3, p99 / 1e3,
                p999 / 1e3, max / 1e3);
    }
}
