package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Dump;
import io.cairn.dockerfile.Golden;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.instructions.Stage;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.PlannedStage;
import io.cairn.dockerfile.plan.Planner;
import io.cairn.dockerfile.plan.Platform;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of the whole front end: for every {@code NAME.Dockerfile} of the suites, the dump lists
 * each AST node (position, original text, flags, arguments with positions, heredocs), the typed
 * instruction made from it, the instruction after expansion (when expansion changed it), and
 * finally every diagnostic. Planned on and for linux/amd64 with no build args.
 * Regenerate with {@code mvn test -Dcairn.golden.update=true} and review the diff.
 */
class ParserGoldenTest {

    /**
     * {@code golden}: Cairn's own cases; {@code parity}: where Cairn follows BuildKit rather than
     * the legacy builder; {@code corpus}: Dockerfiles of moby's and BuildKit's parser tests.
     */
    static Stream<Path> inputs() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String suite : List.of("golden", "parity", "corpus")) {
            all.addAll(Golden.inputs(suite));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesGolden(Path input) throws IOException {
        String text = Files.readString(input, StandardCharsets.UTF_8);
        Golden.check(input, dump(text));
    }

    static String dump(String text) {
        DockerfileAst ast = DockerfileParser.parse(text);
        DockerfileModel model = InstructionParser.parse(ast);
        Platform amd64 = new Platform("linux", "amd64", "");
        BuildPlan plan = Planner.plan(model, new BuildOptions(Map.of(), Optional.empty(), amd64, amd64),
                BaseImages.UNKNOWN);
        Map<InstructionNode, Instruction> typed = new IdentityHashMap<>();
        model.globalArgs().forEach(a -> typed.put(a.node(), a));
        for (Stage s : model.stages()) {
            typed.put(s.from().node(), s.from());
            s.instructions().forEach(i -> typed.put(i.node(), i));
        }
        Map<InstructionNode, Instruction> expanded = new IdentityHashMap<>();
        Map<InstructionNode, PlannedStage> stageOf = new IdentityHashMap<>();
        for (PlannedStage ps : plan.stages()) {
            stageOf.put(ps.stage().from().node(), ps);
            for (Step st : ps.steps()) {
                expanded.put(st.instruction().node(), st.instruction());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("directives: escape=").append(Dump.quote(String.valueOf(ast.directives().escape())));
        for (Directive d : ast.directives().directives()) {
            b.append(' ').append(d.name()).append('=').append(Dump.quote(d.value())).append('@').append(d.position());
        }
        b.append('\n');
        for (InstructionNode n : ast.instructions()) {
            b.append('\n').append(n.position()).append(' ').append(n.keyword())
                    .append(" (to line ").append(n.endLine()).append(")\n");
            b.append("  original: ").append(Dump.quote(n.original())).append('\n');
            if (!n.flags().isEmpty()) {
                b.append("  flags: ").append(Dump.value(n.flags().stream()
                        .map(f -> f + "@" + f.position()).toList())).append('\n');
            }
            b.append("  args: ").append(Dump.value(n.args())).append('\n');
            for (Heredoc h : n.heredocs()) {
                b.append("  heredoc: ").append(Dump.value(h)).append('\n');
            }
            if (!n.comments().isEmpty()) {
                b.append("  comments: ").append(Dump.value(n.comments())).append('\n');
            }
            Instruction t = typed.get(n);
            b.append("  typed: ").append(t == null ? "(invalid)" : Dump.value(t)).append('\n');
            PlannedStage ps = stageOf.get(n);
            if (ps != null) {
                b.append("  stage: ").append(ps.stage().index()).append(" base=").append(Dump.value(ps.base()))
                        .append(" platform=").append(ps.platform().map(Platform::toString).orElse("-"))
                        .append(" needed=").append(ps.needed()).append('\n');
            }
            Instruction e = expanded.get(n);
            if (e != null && !e.equals(t)) {
                b.append("  expanded: ").append(Dump.value(e)).append('\n');
            }
        }
        b.append("\ndiagnostics:\n");
        List<Diagnostic> diagnostics = plan.diagnostics();
        for (Diagnostic d : diagnostics) {
            b.append("  ").append(d.format("Dockerfile")).append('\n');
        }
        return b.toString();
    }
}
