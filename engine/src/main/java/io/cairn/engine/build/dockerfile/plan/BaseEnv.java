package io.cairn.engine.build.dockerfile.plan;

import java.util.Map;
import java.util.Optional;

/**
 * The environment of a base image's config, which ENV-based expansions in a stage build on
 * (e.g. {@code ENV PATH=$PATH:/opt/bin}). The builder answers from the resolved image config.
 */
@FunctionalInterface
public interface BaseEnv {

    /** Knows no image: used by {@code build --check}, which resolves nothing. */
    BaseEnv UNKNOWN = reference -> Optional.empty();

    /** The image's environment, or empty when it is not known (then undefined variables are not reported). */
    Optional<Map<String, String>> env(String reference);
}
