package io.cairn.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverTheFirstCountSamples() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 1000 - i; // 1000 .. 1, unsorted
        }
        long[] copy = samples.clone();
        Percentiles p = Percentiles.of(samples, 1000);
        assertEquals(new Percentiles(1000, 500, 990, 999, 1000), p);
        assertArrayEquals(copy, samples, "the caller's array must not be reordered");
    }

    @Test
    void ignoresSamplesBeyondCount() {
        Percentiles p = Percentiles.of(new long[] {7, 3, 5, 1_000_000}, 3);
        assertEquals(new Percentiles(3, 5, 7, 7, 7), p);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertEquals(new Percentiles(1, 42, 42, 42, 42), Percentiles.of(new long[] {42}, 1));
    }

    @Test
    void refusesAnEmptySet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[4], 0));
        assertEquals("no latency samples to summarize", e.getMessage());
    }

    @Test
    void describesInMicroseconds() {
        assertEquals("n=2 p50=1.5us p99=2.0us p99.9=2.0us max=2.0us",
                Percentiles.of(new long[] {1_500, 2_000}, 2).describe());
    }
}
