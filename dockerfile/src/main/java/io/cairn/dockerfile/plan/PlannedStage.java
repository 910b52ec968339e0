package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.instructions.Stage;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stage ready to execute.
 *
 * @param stage     the typed stage as written
 * @param base      what it starts from, resolved
 * @param platform  its {@code FROM --platform}, expanded and parsed
 * @param steps     its instructions, expanded, with their scopes
 * @param dependsOn indexes of the other stages it needs (base, {@code COPY --from}, {@code --mount from})
 * @param needed    whether the target needs it (the builder skips the others)
 */
public record PlannedStage(Stage stage, BaseImage base, Optional<Platform> platform, List<Step> steps,
                           Set<Integer> dependsOn, boolean needed) {

    public PlannedStage {
        steps = List.copyOf(steps);
        dependsOn = Set.copyOf(dependsOn);
    }
}
