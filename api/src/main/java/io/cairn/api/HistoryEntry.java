package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One entry of {@code GET /images/{name}/history}, newest first, Docker's shape. */
public record HistoryEntry(@JsonProperty("Id") String id,
                           @JsonProperty("Created") long created,
                           @JsonProperty("CreatedBy") String createdBy,
                           @JsonProperty("Tags") List<String> tags,
                           @JsonProperty("Size") long size,
                           @JsonProperty("Comment") String comment) {
}
