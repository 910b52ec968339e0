package io.cairn.engine.event;

import java.util.List;

/**
 * Docker's {@code Config.Healthcheck}, durations in nanoseconds (0: Docker's default). Part of
 * {@link ContainerSettings}, and so of the journal format.
 *
 * @param test {@code ["NONE"]} (disabled), {@code ["CMD", argv…]} or {@code ["CMD-SHELL", command]};
 *             empty: inherit (never stored once resolved)
 */
public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, int retries) {
    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }

    /** Whether a probe runs: a test that is neither empty nor {@code NONE}. */
    public boolean enabled() {
        return !test.isEmpty() && !test.get(0).equals("NONE");
    }
}
