package io.cairn.engine.build.run;

import io.cairn.engine.build.copy.MergedTree;
import io.cairn.engine.image.ImageRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stage a RUN runs in, as the stage builder hands it over: its image and the config values RUN
 * reads, already taken out of the image config.
 *
 * @param image      the stage's last image, empty before its first layer ({@code FROM scratch})
 * @param env        the config's environment, in order
 * @param shell      the config's SHELL (the default one when it sets none)
 * @param workingDir the config's WORKDIR, empty when it sets none
 * @param user       the config's USER, empty when it sets none
 * @param filesystem {@code image}'s filesystem, to tell the mount points RUN made from what the image had
 * @param from       what {@code RUN --mount=from=NAME} names: an earlier stage or a local image
 */
public record RunStage(Optional<ImageRecord> image, Map<String, String> env, List<String> shell, String workingDir,
                       String user, MergedTree filesystem, Function<String, From> from) {

    public RunStage {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env)); // in order: it is part of the cache key
        shell = Collections.unmodifiableList(shell);
    }

    /**
     * A filesystem a bind mount reads from.
     *
     * @param image   its image, empty for an empty filesystem
     * @param display how messages name it: {@code stage build} or {@code image alpine}
     */
    public record From(Optional<ImageRecord> image, String display) {
    }
}
