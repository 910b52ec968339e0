package io.cairn.dockerfile.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.Planner;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the whole front end on Dockerfile-shaped noise: parsing, typing and
 * planning never throw, every diagnostic points inside the file, and the result is always either
 * instructions or a positioned error.
 */
class ParserFuzzTest {

    private static final List<String> TOKENS = List.of("FROM", "from", "RUN", "COPY", "ADD", "ENV", "ARG", "LABEL",
            "ONBUILD", "HEALTHCHECK", "CMD", "SHELL", "EXPOSE", "VOLUME", "WORKDIR", "USER", "STOPSIGNAL",
            "MAINTAINER", "ENTRYPOINT", "FROB", "AS", "scratch", "alpine", " ", "  ", "\t", "\n", "\n", "\n", "\r\n",
            "\\", "\\\n", "`", "#", "# escape=`", "# syntax=x", "# check=error=true", "$", "${", "}", ":-", ":+",
            ":?", "-", "+", "=", "\"", "'", "[", "]", ",", "\"a\"", "<<", "<<-", "EOF", "\tEOF", "3<<", "--from=",
            "--mount=", "type=cache", "target=/x", "--chown=", "--platform=", "CMD", "NONE", "--interval=",
            "1s", "a", "b/", "/c", "*", "?", "**", "\u00e9", "\u0000", "\uFEFF", "0", "99999999999999999999");

    @Provide
    Arbitrary<String> dockerfiles() {
        return Arbitraries.oneOf(
                Arbitraries.of(TOKENS).list().ofMaxSize(80).map(l -> String.join("", l)),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300),
                Arbitraries.strings().withChars("FROM RUN<<EOF\\\n\"'${}[]#=-").ofMaxLength(300));
    }

    @Property(tries = 3000)
    void neverThrowsAndAlwaysPositions(@ForAll("dockerfiles") String text) {
        DockerfileAst ast = DockerfileParser.parse(text);
        DockerfileModel model = InstructionParser.parse(ast);
        BuildPlan plan = Planner.plan(model, BuildOptions.defaults(), BaseImages.UNKNOWN);
        int lines = text.split("\n", -1).length;
        for (Diagnostic d : plan.diagnostics()) {
            Position p = d.position();
            assertTrue(p.line() >= 1 && p.line() <= lines, () -> "diagnostic outside the file: " + d + " in " + text);
            assertTrue(!d.message().isBlank(), () -> "empty message at " + p);
        }
        for (InstructionNode n : ast.instructions()) {
            assertTrue(n.position().line() <= n.endLine() && n.endLine() <= lines, () -> "bad node span " + n);
        }
        assertTrue(!ast.instructions().isEmpty() || ast.diagnostics().stream().anyMatch(Diagnostic::isError),
                () -> "neither instructions nor an error for " + text);
    }

    @Property(tries = 200)
    void longInputsStayLinear(@ForAll("dockerfiles") String chunk) {
        // many copies of a chunk: output sizes grow with the input, nothing explodes
        String text = chunk.repeat(50);
        DockerfileAst ast = DockerfileParser.parse(text);
        long stored = ast.instructions().stream().mapToLong(n -> n.original().length()
                + n.heredocs().stream().mapToLong(h -> h.content().length()).sum()).sum();
        assertTrue(stored <= 4L * text.length() + 64, () -> "AST holds " + stored + " chars for " + text.length());
    }
}
