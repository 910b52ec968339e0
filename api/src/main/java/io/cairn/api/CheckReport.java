package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outcome of {@code cairn system check}: every inconsistency between the index and the disk, one line each. */
public record CheckReport(@JsonProperty("Checked") List<String> checked,
                          @JsonProperty("Problems") List<String> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
