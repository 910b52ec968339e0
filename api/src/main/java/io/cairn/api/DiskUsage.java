package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /system/df} in Docker's shape (API 1.43): the items of each type, each with
 * its size and how much it is used, from which clients ({@code docker system df}, {@code cairn
 * system df}) compute the totals. {@code LayersSize} counts every layer once, however many images
 * share it. A type left out by the request's {@code type} parameter is an empty list.
 *
 * @param containers Docker's container summaries with {@code SizeRw} (bytes of the writable layer)
 *                   and {@code SizeRootFs} (that plus the image's)
 */
public record DiskUsage(@JsonProperty("LayersSize") long layersSize,
                        @JsonProperty("Images") List<ImageSummary> images,
                        @JsonProperty("Containers") List<Map<String, Object>> containers,
                        @JsonProperty("Volumes") List<VolumeUsage> volumes,
                        @JsonProperty("BuildCache") List<CacheUsage> buildCache) {

    /** A volume with its {@code UsageData}: bytes in it and how many containers mount it. */
    public record VolumeUsage(@JsonProperty("Name") String name,
                              @JsonProperty("Driver") String driver,
                              @JsonProperty("Mountpoint") String mountpoint,
                              @JsonProperty("CreatedAt") String createdAt,
                              @JsonProperty("Labels") Map<String, String> labels,
                              @JsonProperty("Scope") String scope,
                              @JsonProperty("UsageData") Usage usageData) {

        /** Docker's {@code UsageData}. */
        public record Usage(@JsonProperty("Size") long size, @JsonProperty("RefCount") long refCount) {
        }
    }

    /**
     * A build cache entry, Docker's {@code BuildCache} object. Its size is 0 and it is {@code Shared}:
     * an entry names an image whose layers are counted under the images.
     */
    public record CacheUsage(@JsonProperty("ID") String id,
                             @JsonProperty("Type") String type,
                             @JsonProperty("Description") String description,
                             @JsonProperty("InUse") boolean inUse,
                             @JsonProperty("Shared") boolean shared,
                             @JsonProperty("Size") long size,
                             @JsonProperty("CreatedAt") String createdAt,
                             @JsonProperty("LastUsedAt") String lastUsedAt,
                             @JsonProperty("UsageCount") long usageCount) {
    }
}
