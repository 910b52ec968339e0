package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code GET /volumes}. */
public record VolumeList(@JsonProperty("Volumes") List<Volume> volumes,
                         @JsonProperty("Warnings") List<String> warnings) {
}
