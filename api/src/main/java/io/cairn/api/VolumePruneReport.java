package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code POST /volumes/prune}. */
public record VolumePruneReport(@JsonProperty("VolumesDeleted") List<String> volumesDeleted,
                                @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
