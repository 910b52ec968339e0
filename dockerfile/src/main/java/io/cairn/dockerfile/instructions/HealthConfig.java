package io.cairn.dockerfile.instructions;

import java.time.Duration;

/**
 * A HEALTHCHECK CMD. Zero durations and zero retries mean "inherit / use the default", as in
 * Docker's image config.
 */
public record HealthConfig(CommandForm test, Duration interval, Duration timeout, Duration startPeriod,
                           Duration startInterval, int retries) {
}
