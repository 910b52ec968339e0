package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code GET /system/df}, summarized per type as {@code docker system df} prints it.
 * Sizes are bytes; layers shared by images count once.
 */
public record DiskUsage(@JsonProperty("LayersSize") long layersSize,
                        @JsonProperty("Images") Usage images,
                        @JsonProperty("Containers") Usage containers,
                        @JsonProperty("Volumes") Usage volumes,
                        @JsonProperty("BuildCache") Usage buildCache) {

    /** One row: how many, how many in use, their size and what removing the unused would free. */
    public record Usage(@JsonProperty("Total") long total,
                        @JsonProperty("Active") long active,
                        @JsonProperty("Size") long size,
                        @JsonProperty("Reclaimable") long reclaimable) {
    }
}
