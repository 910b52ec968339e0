package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One event in the Docker Engine API's shape ({@code GET /events}), plus Cairn's {@code index}
 * (journal index) and {@code uid} (the client that caused it).
 */
public record EventMessage(@JsonProperty("Type") String type,
                           @JsonProperty("Action") String action,
                           @JsonProperty("Actor") Actor actor,
                           @JsonProperty("scope") String scope,
                           @JsonProperty("time") long time,
                           @JsonProperty("timeNano") long timeNano,
                           @JsonProperty("index") long index,
                           @JsonProperty("uid") int uid) {

    /** The object an event is about. */
    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
    }
}
