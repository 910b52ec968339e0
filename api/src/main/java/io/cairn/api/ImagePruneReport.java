package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code POST /images/prune}. */
public record ImagePruneReport(@JsonProperty("ImagesDeleted") List<ImageDeleteItem> imagesDeleted,
                               @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
