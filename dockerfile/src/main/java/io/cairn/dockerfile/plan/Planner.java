package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Suggest;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Arg;
import io.cairn.dockerfile.instructions.ArgDecl;
import io.cairn.dockerfile.instructions.Copy;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.Env;
import io.cairn.dockerfile.instructions.Expander;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InvalidInstructionException;
import io.cairn.dockerfile.instructions.KeyValue;
import io.cairn.dockerfile.instructions.Mount;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.instructions.Stage;
import io.cairn.dockerfile.shell.ExpansionException;
import io.cairn.dockerfile.shell.ShellLex;
import io.cairn.dockerfile.shell.VariableLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expansion pass: resolves a {@link DockerfileModel} for one set of {@link BuildOptions}.
 * Pure and thread-safe; never throws for bad input (problems become diagnostics).
 */
public final class Planner {

    /** The PATH Docker gives a Linux stage whose base image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Planner() {
    }

    /**
     * Plans the build of {@code model}.
     *
     * @param baseImages what base images hold: the environment expansions read, ONBUILD triggers
     */
    public static BuildPlan plan(DockerfileModel model, BuildOptions options, BaseImages baseImages) {
        return new Pass(model, options, baseImages).run();
    }

    /** An edge of the stage graph and the word that made it, for cycle errors. */
    private record Edge(int to, Position at) {
    }

    /** State of one planning pass. */
    private static final class Pass {
        private final DockerfileModel model;
        private final BuildOptions options;
        private final BaseImages baseImages;
        private final ShellLex lex;
        private final ShellLex heredocLex;
        private final Map<String, String> globalValues = new LinkedHashMap<>();
        private final Set<String> globalDeclared = new HashSet<>();
        private final Set<String> usedGlobal = new HashSet<>();
        private final List<Diagnostic> diagnostics;
        private final Map<String, Integer> names = new HashMap<>();
        private boolean cycle;

        Pass(DockerfileModel model, BuildOptions options, BaseImages baseImages) {
            this.model = model;
            this.options = options;
            this.baseImages = baseImages;
            this.lex = new ShellLex(model.directives().escape());
            this.heredocLex = lex.withRawQuotes(true).withRawEscapes(true);
            this.diagnostics = new ArrayList<>(model.diagnostics());
        }

        BuildPlan run() {
            globalValues.putAll(PredefinedArgs.platform(options.buildPlatform(), options.platform()));
            globalDeclared.addAll(globalValues.keySet());
            for (Arg a : model.globalArgs()) {
                globalArg(a);
            }
            List<Stage> stages = model.stages();
            for (Stage s : stages) {
                s.name().ifPresent(n -> names.putIfAbsent(n, s.index()));
            }
            List<StageResult> results = new ArrayList<>();
            for (Stage s : stages) {
                results.add(stage(s, results));
            }
            int target = target(stages);
            Set<Integer> needed = needed(target, results);
            if (!cycle) {
                // as BuildKit: the cycle check comes first, then dispatch finds the later stage unbuilt
                results.forEach(r -> r.diagnostics.addAll(r.later));
            }
            List<PlannedStage> planned = new ArrayList<>();
            Set<String> used = new HashSet<>(usedGlobal);
            for (StageResult r : results) {
                boolean need = needed.contains(r.stage.index());
                if (need) {
                    used.addAll(r.used);
                    diagnostics.addAll(r.diagnostics);
                } else {
                    for (Diagnostic d : r.diagnostics) {
                        diagnostics.add(d.isError() ? Diagnostic.warning(d.position(), d.message() + " (in stage "
                                + r.stage.displayName() + ", which the target does not need)") : d);
                    }
                }
                Set<Integer> deps = new TreeSet<>();
                r.edges.forEach(e -> deps.add(e.to()));
                planned.add(new PlannedStage(r.stage, r.base, r.platform, r.steps, deps, need));
            }
            Set<String> unused = new TreeSet<>();
            Map<String, String> proxies = new LinkedHashMap<>();
            options.buildArgs().forEach((k, v) -> {
                if (PredefinedArgs.PROXY.contains(k)) {
                    proxies.put(k, v);
                }
                if (!used.contains(k) && !PredefinedArgs.consumedWithoutArg(k)) {
                    unused.add(k);
                }
            });
            diagnostics.sort(null);
            return new BuildPlan(planned, target, proxies, unused, diagnostics);
        }

        private void globalArg(Arg a) {
            VariableLookup lookup = globalValues::get;
            for (ArgDecl d : a.args()) {
                try {
                    String name = expand(d.name(), lookup, null).text();
                    String value = argValue(name, d, lookup, usedGlobal, null);
                    globalDeclared.add(name);
                    if (value != null) {
                        globalValues.put(name, value);
                    }
                } catch (InvalidInstructionException e) {
                    diagnostics.add(Diagnostic.error(e.position(), e.getMessage()));
                }
            }
        }

        /** Build arg, else the expanded default, else (inside a stage) the global value. */
        private String argValue(String name, ArgDecl d, VariableLookup lookup, Set<String> used,
                                Map<String, String> inheritFrom) throws InvalidInstructionException {
            if (name.isEmpty()) {
                throw new InvalidInstructionException(d.name().position(), "ARG names can not be blank");
            }
            if (options.buildArgs().containsKey(name)) {
                used.add(name);
                return options.buildArgs().get(name);
            }
            if (d.defaultValue().isPresent()) {
                return expand(d.defaultValue().get(), lookup, null).text();
            }
            if (inheritFrom != null && globalDeclared.contains(name)) {
                return inheritFrom.get(name);
            }
            return null;
        }

        private Word expand(Word w, VariableLookup lookup, Set<String> unset) throws InvalidInstructionException {
            return new Expander(text -> lex.processWord(text, lookup, unset)).word(w);
        }

        /** The outcome of planning one stage, before we know whether the target needs it. */
        private static final class StageResult {
            Stage stage;
            BaseImage base = new BaseImage.Scratch();
            Optional<Platform> platform = Optional.empty();
            final List<Step> steps = new ArrayList<>();
            final List<Edge> edges = new ArrayList<>();
            final List<Diagnostic> diagnostics = new ArrayList<>();
            /** COPY --from or a mount's from= naming a later stage: reported only when the stage graph has no cycle. */
            final List<Diagnostic> later = new ArrayList<>();
            final Set<String> used = new HashSet<>();
            Map<String, String> finalEnv = Map.of();
            boolean envKnown;
        }

        private StageResult stage(Stage s, List<StageResult> earlier) {
            StageResult r = new StageResult();
            r.stage = s;
            Map<String, String> env = new LinkedHashMap<>();
            Set<String> fromUnset = new TreeSet<>();
            try {
                Word image = expand(s.from().image(), globalValues::get, fromUnset);
                if (s.from().platform().isPresent()) {
                    Word p = expand(s.from().platform().get(), globalValues::get, fromUnset);
                    try {
                        r.platform = Optional.of(Platform.parse(p.text()));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInstructionException(p.position(), e.getMessage() + " in FROM --platform");
                    }
                }
                for (String u : fromUnset) {
                    if (!globalDeclared.contains(u)) {
                        r.diagnostics.add(Diagnostic.lint("UndefinedArgInFrom", s.from().image().position(),
                                "FROM argument '" + u + "' is not declared (declare it with ARG before the first FROM)"));
                    }
                }
                r.base = base(s, image, r);
            } catch (InvalidInstructionException e) {
                r.diagnostics.add(Diagnostic.error(e.position(), e.getMessage()));
            }
            if (r.base instanceof BaseImage.StageRef ref) {
                StageResult parent = earlier.get(ref.index());
                env.putAll(parent.finalEnv);
                r.envKnown = parent.envKnown;
            } else if (r.base instanceof BaseImage.Image img) {
                Optional<Map<String, String>> known = baseImages.env(img.reference());
                known.ifPresent(env::putAll);
                r.envKnown = known.isPresent();
            } else {
                r.envKnown = true;
            }
            if (r.envKnown) {
                env.putIfAbsent("PATH", DEFAULT_PATH);
            }
            List<Instruction> triggers = List.of();
            if (r.base instanceof BaseImage.Image img) {
                try {
                    triggers = OnbuildTriggers.parse(baseImages.triggers(img.reference()), img.reference(),
                            s.from().position());
                } catch (InvalidInstructionException e) {
                    r.diagnostics.add(Diagnostic.error(e.position(), e.getMessage()));
                }
            }
            walk(s, triggers, env, r);
            r.finalEnv = env;
            return r;
        }

        private BaseImage base(Stage s, Word image, StageResult r) throws InvalidInstructionException {
            String ref = image.text();
            if (ref.isEmpty()) {
                throw new InvalidInstructionException(image.position(),
                        "base name (" + s.from().image().text() + ") should not be blank");
            }
            String lower = ref.toLowerCase(Locale.ROOT);
            if (lower.equals("scratch")) {
                return new BaseImage.Scratch();
            }
            Integer idx = names.get(lower);
            if (idx != null && idx < s.index()) {
                r.edges.add(new Edge(idx, image.position()));
                return new BaseImage.StageRef(idx);
            }
            if (idx != null) {
                throw new InvalidInstructionException(image.position(), "FROM " + ref + " names stage \"" + lower
                        + "\", which is defined later (a stage can only start from an earlier stage)");
            }
            String problem = ImageReferences.problem(ref);
            if (problem != null) {
                throw new InvalidInstructionException(image.position(), problem + ": \"" + ref + "\"");
            }
            return new BaseImage.Image(ref);
        }

        /** Expands the base image's ONBUILD {@code triggers}, then the stage's own instructions. */
        private void walk(Stage s, List<Instruction> triggers, Map<String, String> env, StageResult r) {
            Map<String, String> args = new LinkedHashMap<>();
            Set<String> declared = new HashSet<>();
            VariableLookup lookup = name -> {
                String v = env.get(name);
                return v != null ? v : args.get(name);
            };
            Scope scope = new Scope(env, args);
            Set<String> unset = new LinkedHashSet<>();
            Expander expander = new Expander(new Expander.Words() {
                @Override
                public String word(String text) throws ExpansionException {
                    return lex.processWord(text, lookup, unset);
                }

                @Override
                public String heredoc(String body) throws ExpansionException {
                    return heredocLex.processWord(body, lookup, unset);
                }

                @Override
                public List<String> split(String text) throws ExpansionException {
                    return lex.processWords(text, lookup);
                }
            });
            List<Instruction> all = new ArrayList<>(triggers);
            all.addAll(s.instructions());
            for (int i = 0; i < all.size(); i++) {
                Instruction in = all.get(i);
                boolean trigger = i < triggers.size();
                unset.clear();
                try {
                    Instruction out;
                    if (in instanceof Arg a) {
                        List<ArgDecl> decls = new ArrayList<>();
                        for (ArgDecl d : a.args()) {
                            Word name = expander.word(d.name());
                            String value = argValue(name.text(), d, lookup, r.used, globalValues);
                            declared.add(name.text());
                            if (value != null) {
                                args.put(name.text(), value);
                            } else {
                                args.remove(name.text());
                            }
                            decls.add(new ArgDecl(name, Optional.ofNullable(value)
                                    .map(v -> new Word(v, d.defaultValue().map(Word::position).orElse(d.name().position())))));
                        }
                        out = new Arg(a.node(), decls);
                    } else {
                        if (in instanceof Copy c && c.from().isPresent()) {
                            literalFrom(c.from().get());
                        }
                        out = expander.expand(in);
                        Validation.check(out);
                        if (out instanceof Env e) {
                            for (KeyValue kv : e.variables()) {
                                env.put(kv.key().text(), kv.value().text());
                            }
                        }
                        edges(out, s, r);
                    }
                    r.steps.add(new Step(out, scope, trigger));
                    if (in instanceof Arg || in instanceof Env) {
                        scope = new Scope(env, args);
                    }
                } catch (InvalidInstructionException e) {
                    r.diagnostics.add(trigger ? Diagnostic.error(s.from().position(), "ONBUILD " + in.node().original()
                            + " (a trigger of the base image): " + e.getMessage())
                            : Diagnostic.error(e.position(), e.getMessage()));
                }
                if (r.envKnown && !trigger) {
                    for (String u : unset) {
                        if (!declared.contains(u) && !u.isEmpty() && Character.isJavaIdentifierStart(u.charAt(0))) {
                            r.diagnostics.add(Diagnostic.lint("UndefinedVar", in.position(),
                                    "Usage of undefined variable '$" + u + "'"));
                        }
                    }
                }
            }
        }

        /**
         * BuildKit resolves {@code COPY --from} before any stage runs, so it takes no variable: it
         * expands the word against the global ARGs and refuses it if that changes anything.
         */
        private void literalFrom(Word from) throws InvalidInstructionException {
            String expanded;
            try {
                expanded = lex.processWord(from.text(), globalValues::get, null);
            } catch (ExpansionException e) {
                throw new InvalidInstructionException(from.position(), e.getMessage());
            }
            if (!expanded.equals(from.text())) {
                throw new InvalidInstructionException(from.position(), "variable expansion is not supported for --from, "
                        + "define a new stage with FROM using ARG from global scope as a workaround");
            }
        }

        private void edges(Instruction in, Stage s, StageResult r) throws InvalidInstructionException {
            if (in instanceof Copy c && c.from().isPresent()) {
                Word from = c.from().get();
                Optional<Integer> idx = stageIndex(from, s);
                if (idx.isPresent()) {
                    r.edges.add(new Edge(idx.get(), from.position()));
                    if (idx.get() > s.index()) {
                        r.later.add(Diagnostic.error(from.position(), "cannot copy from stage \"" + from.text()
                                + "\", it needs to be defined before current stage \"" + buildKitName(s) + "\""));
                    }
                } else {
                    String problem = ImageReferences.problem(from.text());
                    if (problem != null) {
                        throw new InvalidInstructionException(from.position(), "COPY --from=" + from.text()
                                + " is neither a stage nor an image: " + problem);
                    }
                }
            } else if (in instanceof Run run) {
                for (Mount m : run.mounts()) {
                    if (m.from().isPresent()) {
                        Word from = new Word(m.from().get(), m.spec().position());
                        Optional<Integer> idx = stageIndex(from, s);
                        idx.ifPresent(i -> r.edges.add(new Edge(i, from.position())));
                        if (idx.isPresent() && idx.get() > s.index()) {
                            r.later.add(Diagnostic.error(from.position(), "cannot mount from stage \"" + from.text()
                                    + "\" to \"" + m.target() + "\", stage needs to be defined before current command"));
                        }
                    }
                }
            }
        }

        /** A stage named by {@code --from} (name or index), empty when it names an image. */
        private Optional<Integer> stageIndex(Word from, Stage self) throws InvalidInstructionException {
            String t = from.text();
            int count = model.stages().size();
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                int i;
                try {
                    i = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    i = Integer.MAX_VALUE;
                }
                if (i >= count) {
                    throw new InvalidInstructionException(from.position(), "invalid stage index " + t
                            + ": the Dockerfile has " + count + " stage" + (count == 1 ? "" : "s"));
                }
                if (i == self.index()) {
                    throw new InvalidInstructionException(from.position(),
                            "circular dependency detected on stage: " + self.displayName());
                }
                return Optional.of(i);
            }
            Integer i = names.get(t.toLowerCase(Locale.ROOT));
            if (i == null) {
                return Optional.empty();
            }
            if (i == self.index()) {
                throw new InvalidInstructionException(from.position(),
                        "circular dependency detected on stage: " + self.displayName());
            }
            return Optional.of(i);
        }

        private int target(List<Stage> stages) {
            if (stages.isEmpty()) {
                return -1;
            }
            if (options.target().isEmpty()) {
                return stages.size() - 1;
            }
            String wanted = options.target().get().toLowerCase(Locale.ROOT);
            Integer i = names.get(wanted);
            if (i == null) {
                List<String> named = stages.stream().flatMap(s -> s.name().stream()).toList();
                String hint = Suggest.didYouMean(wanted, named, true);
                diagnostics.add(Diagnostic.error(stages.get(0).from().position(), "target stage \""
                        + options.target().get() + "\" could not be found"
                        + (hint.isEmpty() ? " (stages: " + stageNames(stages) + ")" : hint)));
                return stages.size() - 1;
            }
            return i;
        }

        /** The stage's name as BuildKit prints it: an unnamed stage is {@code stage-INDEX}. */
        private static String buildKitName(Stage s) {
            return s.name().orElse("stage-" + s.index());
        }

        private static String stageNames(List<Stage> stages) {
            List<String> out = new ArrayList<>();
            for (Stage s : stages) {
                s.name().ifPresent(out::add);
            }
            return out.isEmpty() ? "none is named" : String.join(", ", out);
        }

        /** Stages the target needs; reports a cycle once, at the word that closes it. */
        private Set<Integer> needed(int target, List<StageResult> results) {
            Set<Integer> done = new HashSet<>();
            if (target < 0) {
                return done;
            }
            Set<Integer> onPath = new HashSet<>();
            visit(target, results, done, onPath);
            return done;
        }

        private void visit(int i, List<StageResult> results, Set<Integer> done, Set<Integer> onPath) {
            if (done.contains(i)) {
                return;
            }
            onPath.add(i);
            for (Edge e : results.get(i).edges) {
                if (onPath.contains(e.to())) {
                    cycle = true;
                    results.get(i).diagnostics.add(Diagnostic.error(e.at(), "circular dependency detected on stage: "
                            + results.get(e.to()).stage.displayName()));
                    continue;
                }
                visit(e.to(), results, done, onPath);
            }
            onPath.remove(i);
            done.add(i);
        }
    }
}
