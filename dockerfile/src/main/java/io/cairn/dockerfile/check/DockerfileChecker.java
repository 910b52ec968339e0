package io.cairn.dockerfile.check;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.dockerfile.instructions.Add;
import io.cairn.dockerfile.instructions.Copy;
import io.cairn.dockerfile.instructions.CopySource;
import io.cairn.dockerfile.instructions.CopySpec;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.instructions.Mount;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.parser.DockerfileAst;
import io.cairn.dockerfile.parser.DockerfileParser;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.PlannedStage;
import io.cairn.dockerfile.plan.Planner;
import io.cairn.dockerfile.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check a build would run before executing anything: parse, type, plan (expansion,
 * stages, target), then the context: each COPY/ADD source (and RUN bind-mount source) of the
 * stages the target needs must exist in the context after {@code .dockerignore}. Remote ADD
 * sources, heredocs and {@code --from} sources are not in the context and are not checked.
 */
public final class DockerfileChecker {

    private DockerfileChecker() {
    }

    /**
     * Checks a Dockerfile.
     *
     * @param file    the Dockerfile's name as the user gave it, for messages
     * @param text    its content
     * @param context the build context
     */
    public static CheckReport check(String file, String text, BuildContext context, BuildOptions options) {
        DockerfileAst ast = DockerfileParser.parse(text);
        DockerfileModel model = InstructionParser.parse(ast);
        BuildPlan plan = Planner.plan(model, options, BaseImages.UNKNOWN);
        List<Diagnostic> all = new ArrayList<>(plan.diagnostics());
        for (PlannedStage stage : plan.stages()) {
            if (!stage.needed()) {
                continue;
            }
            for (Step step : stage.steps()) {
                if (step.instruction() instanceof Copy c && c.from().isEmpty()) {
                    sources(c.spec(), "COPY", c.parents(), context, all);
                } else if (step.instruction() instanceof Add a) {
                    sources(a.spec(), "ADD", false, context, all);
                } else if (step.instruction() instanceof Run r) {
                    for (Mount m : r.mounts()) {
                        if (m.type() == Mount.Type.BIND && m.from().isEmpty()) {
                            exists(new Word(m.source().orElse("."), m.spec().position()), "RUN --mount", context, all);
                        }
                    }
                }
            }
        }
        List<Diagnostic> diagnostics = LintPolicy.of(ast.directives()).apply(all);
        return new CheckReport(file, diagnostics, plan.unusedBuildArgs(), plan);
    }

    private static void sources(CopySpec spec, String kw, boolean parents, BuildContext context, List<Diagnostic> out) {
        for (Word exclude : spec.excludes()) {
            try {
                PatternMatcher.compile(List.of(exclude.text()));
            } catch (InvalidPatternException e) {
                out.add(Diagnostic.error(exclude.position(), kw + " --exclude: " + e.getMessage()));
            }
        }
        // several sources (or a wildcard's several matches) and a destination without a slash are
        // no error: BuildKit copies each in turn onto the destination, as the builder does
        for (CopySource s : spec.sources()) {
            if (s instanceof CopySource.Path p && parents && Glob.hasMeta(p.path().text())) {
                // a --parents wildcard is a .dockerignore-style pattern (** spans directories) that
                // may match nothing, as in BuildKit: only its literal paths must exist
                continue;
            }
            if (s instanceof CopySource.Path p && !p.isRemote()) {
                exists(p.path(), kw, context, out);
            }
        }
    }

    /** Reports a missing source. */
    private static void exists(Word source, String kw, BuildContext context, List<Diagnostic> out) {
        if (!context.exists()) {
            out.add(Diagnostic.error(source.position(), kw + " source \"" + source.text()
                    + "\" needs a build context, but there is none (the Dockerfile was read from stdin)"));
            return;
        }
        BuildContext.Resolution r;
        try {
            r = context.resolve(source.text());
        } catch (InvalidPatternException e) {
            out.add(Diagnostic.error(source.position(), kw + " source: " + e.getMessage()));
            return;
        }
        if (!r.matches().isEmpty()) {
            return;
        }
        boolean wildcard = io.cairn.dockerfile.dockerignore.Glob.hasMeta(source.text());
        String what = wildcard ? " matches no file in the build context " : " not found in the build context ";
        out.add(Diagnostic.error(source.position(), kw + " source \"" + source.text() + "\"" + what + context.display()
                + r.excludedBy().map(p -> " (excluded by .dockerignore pattern \"" + p + "\")").orElse("")));
    }
}
