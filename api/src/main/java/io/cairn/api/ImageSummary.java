package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One entry of {@code GET /images/json}, Docker's shape. {@code Created} is Unix seconds. */
public record ImageSummary(@JsonProperty("Id") String id,
                           @JsonProperty("ParentId") String parentId,
                           @JsonProperty("RepoTags") List<String> repoTags,
                           @JsonProperty("RepoDigests") List<String> repoDigests,
                           @JsonProperty("Created") long created,
                           @JsonProperty("Size") long size,
                           @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("Containers") int containers,
                           @JsonProperty("ManifestDigest") String manifestDigest) {
}
