package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker's {@code Healthcheck} in an image config: {@code test} is {@code ["NONE"]},
 * {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}; durations are in nanoseconds. Every
 * field is {@code null} when absent (inherit the default).
 */
public record Healthcheck(
        @JsonProperty("Test") List<String> test,
        @JsonProperty("Interval") Long interval,
        @JsonProperty("Timeout") Long timeout,
        @JsonProperty("StartPeriod") Long startPeriod,
        @JsonProperty("StartInterval") Long startInterval,
        @JsonProperty("Retries") Integer retries) {
}
