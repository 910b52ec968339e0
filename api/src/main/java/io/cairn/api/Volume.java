package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A named volume in the Docker Engine API's shape ({@code GET /volumes/{name}}). */
public record Volume(@JsonProperty("Name") String name,
                     @JsonProperty("Driver") String driver,
                     @JsonProperty("Mountpoint") String mountpoint,
                     @JsonProperty("CreatedAt") String createdAt,
                     @JsonProperty("Labels") Map<String, String> labels,
                     @JsonProperty("Options") Map<String, String> options,
                     @JsonProperty("Scope") String scope) {
}
