package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** One journal entry as {@code cairn journal dump} prints it; {@code event} is the payload's JSON. */
public record JournalRecord(@JsonProperty("index") long index,
                            @JsonProperty("type") String type,
                            @JsonProperty("version") int version,
                            @JsonProperty("timeNano") long timeNano,
                            @JsonProperty("uid") int uid,
                            @JsonProperty("crc32c") String crc32c,
                            @JsonProperty("event") @JsonRawValue String event) {
}
