package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One step of an image's history (config {@code history[]}), base first. Every field is optional
 * ({@code null} when absent); {@code emptyLayer} is {@code true} when the step made no layer
 * (metadata instructions), and is left out rather than written as {@code false}.
 */
public record HistoryEntry(
        Instant created,
        @JsonProperty("created_by") String createdBy,
        String author,
        String comment,
        @JsonProperty("empty_layer") Boolean emptyLayer) {

    public HistoryEntry {
        if (Boolean.FALSE.equals(emptyLayer)) {
            emptyLayer = null;
        }
    }

    /** Whether this step produced no layer. */
    @JsonIgnore
    public boolean isEmptyLayer() {
        return Boolean.TRUE.equals(emptyLayer);
    }
}
