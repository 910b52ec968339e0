package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json}, Docker's shape. {@code Created} is Unix seconds.
 * {@code SharedSize} (bytes of layers other images use too) and {@code Containers} are -1 where not
 * computed, as Docker sends them: only {@code GET /system/df} computes them.
 */
public record ImageSummary(@JsonProperty("Id") String id,
                           @JsonProperty("ParentId") String parentId,
                           @JsonProperty("RepoTags") List<String> repoTags,
                           @JsonProperty("RepoDigests") List<String> repoDigests,
                           @JsonProperty("Created") long created,
                           @JsonProperty("Size") long size,
                           @JsonProperty("SharedSize") long sharedSize,
                           @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("Containers") long containers,
                           @JsonProperty("ManifestDigest") String manifestDigest) {

    /** This summary with {@code docker system df}'s usage figures. */
    public ImageSummary withUsage(long sharedSize, long containers) {
        return new ImageSummary(id, parentId, repoTags, repoDigests, created, size, sharedSize, labels, containers,
                manifestDigest);
    }
}
