package io.cairn.dockerfile.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What planning learns from a base image's config: its environment, which ENV-based expansions in
 * a stage build on (e.g. {@code ENV PATH=$PATH:/opt/bin}), and its ONBUILD triggers, which run
 * first in a stage that starts from it. The builder answers from the resolved image config.
 */
public interface BaseImages {

    /** Knows no image: used by {@code build --check}, which resolves nothing. */
    BaseImages UNKNOWN = reference -> Optional.empty();

    /** The image's environment, or empty when it is not known (then undefined variables are not reported). */
    Optional<Map<String, String>> env(String reference);

    /** The image's ONBUILD triggers ({@code config.OnBuild}) in order, e.g. {@code RUN make}; none when unknown. */
    default List<String> triggers(String reference) {
        return List.of();
    }
}
