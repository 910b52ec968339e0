package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.parser.Directives;
import java.util.List;
import java.util.Optional;

/**
 * A Dockerfile as typed instructions.
 *
 * @param directives  the parser directives
 * @param globalArgs  ARG instructions before the first FROM
 * @param stages      the stages in order
 * @param diagnostics syntax and instruction errors and warnings, in file order
 */
public record DockerfileModel(Directives directives, List<Arg> globalArgs, List<Stage> stages,
                              List<Diagnostic> diagnostics) {

    public DockerfileModel {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when no diagnostic is an error. */
    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** The stage named {@code name} (case-insensitive). */
    public Optional<Stage> stage(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return stages.stream().filter(s -> s.name().filter(n::equals).isPresent()).findFirst();
    }
}
