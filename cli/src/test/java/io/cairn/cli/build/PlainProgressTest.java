package io.cairn.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain progress prints step times as {@code %.1f} / {@code %.3f} would, without the formatter. */
class PlainProgressTest {

    @Test
    void fixedPrintsWhatTheFormatterPrints() {
        double[] edges = {0, 0.04, 0.05, 0.049999, 0.95, 0.96, 0.9995, 1.0, 9.95, 59.999, 123.456, 3600.04, 0.0005, 0.0004};
        for (double v : edges) {
            assertEquals(String.format(Locale.ROOT, "%.1f", v), PlainProgress.fixed(v, 1), "%.1f of " + v);
            assertEquals(String.format(Locale.ROOT, "%.3f", v), PlainProgress.fixed(v, 3), "%.3f of " + v);
        }
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            // step times as the daemon sends them: nanoseconds over 1e9
            double v = r.nextInt(600_000_000) * 1000L / 1e9;
            assertEquals(String.format(Locale.ROOT, "%.1f", v), PlainProgress.fixed(v, 1), "%.1f of " + v);
            assertEquals(String.format(Locale.ROOT, "%.3f", v), PlainProgress.fixed(v, 3), "%.3f of " + v);
        }
        assertEquals("0.0", PlainProgress.fixed(-0.01, 1)); // a clock step backwards prints as no time
    }
}
