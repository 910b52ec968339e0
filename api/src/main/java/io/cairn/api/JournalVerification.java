package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outcome of {@code cairn journal verify}; {@code firstBadIndex} is 0 when the journal is sound. */
public record JournalVerification(@JsonProperty("Entries") long entries,
                                  @JsonProperty("FirstIndex") long firstIndex,
                                  @JsonProperty("LastIndex") long lastIndex,
                                  @JsonProperty("Superseded") List<String> superseded,
                                  @JsonProperty("Problems") List<String> problems,
                                  @JsonProperty("FirstBadIndex") long firstBadIndex) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
