package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outcome of {@code cairn image verify}: what was re-hashed and every difference found. */
public record ImageVerification(@JsonProperty("Id") String id,
                                @JsonProperty("Checked") List<String> checked,
                                @JsonProperty("Problems") List<String> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
