package io.cairn.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void acceptsDockersForms() {
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), Times.parse("--since", "2026-11-26T10:00:00Z", NOW));
        assertEquals(Instant.parse("2026-11-26T09:00:00Z"), Times.parse("--since", "2026-11-26T10:00:00+01:00", NOW));
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), Times.parse("--since", "2026-11-26T10:00:00", NOW));
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), Times.parse("--since", "2026-11-26", NOW));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 500_000_000), Times.parse("--since", "1700000000.5", NOW));
        assertEquals(NOW.minusSeconds(600), Times.parse("--since", "10m", NOW));
        assertEquals(NOW.minusSeconds(5400), Times.parse("--since", "1h30m", NOW));
        assertEquals(NOW.minusMillis(1500), Times.parse("--since", "1.5s", NOW));
        assertEquals(NOW, Times.parse("--until", "0s", NOW));
    }

    @Test
    void formatsForTheApiWithNanoseconds() {
        assertEquals("1700000000.500000000", Times.toApi("--since", "1700000000.5", NOW));
    }

    @Test
    void refusesAnythingElseNamingTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Times.parse("--until", "tomorrow", NOW));
        assertEquals("--until: cannot parse \"tomorrow\" as an RFC 3339 time, a Unix time or a duration such as 10m",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Times.parse("--since", "10x", NOW));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("--since", "m10", NOW));
    }
}
