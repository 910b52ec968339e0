package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Diagnostic;
import java.util.List;

/**
 * A parsed Dockerfile: directives, the instructions that could be read, and a diagnostic for
 * every line that could not (plus warnings such as empty continuation lines).
 *
 * @param directives   parser directives
 * @param instructions instruction nodes in file order
 * @param diagnostics  problems in file order; {@link #ok()} is false when any is an error
 */
public record DockerfileAst(Directives directives, List<InstructionNode> instructions, List<Diagnostic> diagnostics) {

    public DockerfileAst {
        instructions = List.copyOf(instructions);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when no diagnostic is an error. */
    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
