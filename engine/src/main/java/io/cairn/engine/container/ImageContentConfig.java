package io.cairn.engine.container;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.event.ContainerConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The image config object a commit starts from: the image's, with the container's settings over it. */
final class ImageContentConfig {

    private static final ObjectMapper JSON = Mappers.STRICT;

    private ImageContentConfig() {
    }

    static Map<String, Object> fromContainer(JsonNode imageConfig, ContainerConfig c) {
        Map<String, Object> config = imageConfig.isMissingNode() || imageConfig.isNull() ? new LinkedHashMap<>()
                : JSON.convertValue(imageConfig, new TypeReference<LinkedHashMap<String, Object>>() {
                });
        config.put("Env", c.env());
        config.put("Cmd", c.cmd());
        config.put("Entrypoint", c.entrypoint().isEmpty() ? null : c.entrypoint());
        config.put("WorkingDir", c.workingDir());
        config.put("User", c.user());
        config.put("Labels", c.labels());
        config.values().removeIf(v -> v == null);
        return config;
    }
}
