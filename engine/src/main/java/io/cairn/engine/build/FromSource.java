package io.cairn.engine.build;

import io.cairn.api.NotFoundException;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.PlannedStage;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code --from} names (COPY, RUN --mount): an earlier stage, by name or index, else a local
 * image. A stage that has no layer yet (FROM scratch) has no image.
 *
 * @param image   the filesystem's image, empty for an empty filesystem
 * @param display how messages name it: {@code stage build} or {@code image alpine}
 */
record FromSource(Optional<ImageRecord> image, String display) {

    /**
     * @param flag the flag being resolved, for the message, e.g. {@code COPY --from}
     * @throws BuildFailedException when it is neither a built stage nor a local image
     */
    static FromSource resolve(String from, String flag, BuildPlan plan, Map<Integer, StageState> built,
                              ImageService images) {
        Integer index = null;
        if (from.matches("\\d+")) {
            index = Integer.parseInt(from);
        } else {
            for (PlannedStage ps : plan.stages()) {
                if (ps.stage().name().filter(from.toLowerCase(Locale.ROOT)::equals).isPresent()) {
                    index = ps.stage().index();
                }
            }
        }
        if (index != null && built.containsKey(index)) {
            return new FromSource(built.get(index).image, "stage " + from);
        }
        try {
            return new FromSource(Optional.of(images.resolve(from)), "image " + from);
        } catch (NotFoundException e) {
            throw new BuildFailedException(flag + "=" + from + ": no such stage, and image " + from
                    + " is not here (Cairn does not pull)");
        }
    }
}
