package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dockerfile resolved for one set of build options.
 *
 * @param stages          every stage, in file order
 * @param target          index of the stage to build
 * @param proxyArgs       predefined proxy build args given by the user (RUN sees them without an ARG)
 * @param unusedBuildArgs build args given but consumed by no ARG, sorted (Docker warns about them)
 * @param diagnostics     every problem, parse errors included, in file order; problems in stages
 *                        the target does not need are warnings
 */
public record BuildPlan(List<PlannedStage> stages, int target, Map<String, String> proxyArgs,
                        Set<String> unusedBuildArgs, List<Diagnostic> diagnostics) {

    public BuildPlan {
        stages = List.copyOf(stages);
        proxyArgs = Map.copyOf(proxyArgs);
        unusedBuildArgs = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(unusedBuildArgs));
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when nothing stops the build. */
    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
