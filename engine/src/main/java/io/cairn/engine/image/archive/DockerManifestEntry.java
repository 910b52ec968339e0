package io.cairn.engine.image.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of a docker-archive's {@code manifest.json}: the config's path, the familiar tags,
 * and the layers' paths (base first), all relative to the archive's root. Docker's other fields
 * ({@code Parent}, {@code LayerSources}) are ignored.
 */
record DockerManifestEntry(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("Layers") List<String> layers) {
}
