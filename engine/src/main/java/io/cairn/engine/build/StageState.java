package io.cairn.engine.build;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.image.ImageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stage is between steps: the last image it stored (none for {@code FROM scratch} before
 * its first layer), the whole image config the next image gets (history included), and the
 * metadata instructions applied since that image, which made no image of their own.
 */
final class StageState {

    static final ObjectMapper JSON = Mappers.STRICT;

    Optional<ImageRecord> image;
    Map<String, Object> config;
    final List<String> pending = new ArrayList<>();
    boolean cmdSet;

    StageState(Optional<ImageRecord> image, Map<String, Object> config) {
        this.image = image;
        this.config = config;
    }

    /** A copy a child stage ({@code FROM earlier-stage}) continues from. */
    StageState copy() {
        StageState s = new StageState(image, deepCopy(config));
        s.pending.addAll(pending);
        return s;
    }

    /** The parent part of a cache key. */
    String parentId() {
        return image.map(ImageRecord::id).orElse("scratch");
    }

    /**
     * The changes since {@link #image} for a cache key: the {@code config} object and the
     * metadata instructions, without times; empty when there are none.
     */
    String pendingText() {
        if (pending.isEmpty() && image.isPresent()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(List.of(config.getOrDefault("config", Map.of()),
                    config.getOrDefault("author", ""), pending));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The config with one more history entry, created at {@code created}. */
    Map<String, Object> withHistory(String createdBy, String created, boolean emptyLayer) {
        Map<String, Object> out = deepCopy(config);
        List<Object> history = new ArrayList<>((List<?>) out.getOrDefault("history", List.of()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("created", created);
        entry.put("created_by", createdBy);
        entry.put("comment", "buildkit.dockerfile.v0");
        if (emptyLayer) {
            entry.put("empty_layer", true);
        }
        history.add(entry);
        out.put("history", history);
        out.put("created", created);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> config) {
        return JSON.convertValue(config, LinkedHashMap.class);
    }
}
