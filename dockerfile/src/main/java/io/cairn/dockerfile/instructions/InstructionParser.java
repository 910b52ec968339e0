package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.Args;
import io.cairn.dockerfile.parser.DockerfileAst;
import io.cairn.dockerfile.parser.Heredoc;
import io.cairn.dockerfile.parser.InstructionNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an AST into typed instructions grouped into stages, validating each instruction the way
 * Docker does (argument counts, flags, forms, stage names) and adding the warnings of Docker's
 * build checks that need no context. Never throws for bad input: every problem becomes a
 * positioned diagnostic, and the instructions that are valid are kept.
 */
public final class InstructionParser {

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Duration MIN_DURATION = Duration.ofMillis(1);

    private InstructionParser() {
    }

    /** Types and groups every instruction of {@code ast}; its diagnostics are carried over. */
    public static DockerfileModel parse(DockerfileAst ast) {
        List<Diagnostic> diagnostics = new ArrayList<>(ast.diagnostics());
        List<Arg> globals = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, Position> names = new HashMap<>();
        From from = null;
        boolean brokenStage = false;
        List<Instruction> body = new ArrayList<>();
        for (InstructionNode node : ast.instructions()) {
            Instruction inst;
            try {
                inst = instruction(node, diagnostics);
            } catch (InvalidInstructionException e) {
                diagnostics.add(Diagnostic.error(e.position(), e.getMessage()));
                if (node.command().equals("from")) {
                    // keep later instructions out of the previous stage; report them no further
                    if (from != null) {
                        stages.add(stage(stages.size(), from, body, diagnostics));
                    }
                    from = null;
                    body = new ArrayList<>();
                    brokenStage = true;
                }
                continue;
            }
            if (inst instanceof From f) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, body, diagnostics));
                }
                from = f;
                brokenStage = false;
                body = new ArrayList<>();
                if (f.stageName().isPresent()) {
                    Word n = f.stageName().get();
                    Position prior = names.putIfAbsent(n.text(), n.position());
                    if (prior != null) {
                        diagnostics.add(Diagnostic.error(n.position(), "duplicate stage name \"" + n.text()
                                + "\" (first defined on line " + prior.line() + ")"));
                    }
                }
            } else if (from != null) {
                body.add(inst);
            } else if (brokenStage) {
                continue; // its FROM was already reported
            } else if (inst instanceof Arg a && stages.isEmpty()) {
                globals.add(a);
            } else {
                diagnostics.add(Diagnostic.error(node.position(), "no build stage in current context: " + inst.keyword()
                        + " must come after a FROM (only ARG may come before the first FROM)"));
            }
        }
        if (from != null) {
            stages.add(stage(stages.size(), from, body, diagnostics));
        }
        if (stages.isEmpty() && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            Position at = ast.instructions().isEmpty() ? Position.START : ast.instructions().get(0).position();
            diagnostics.add(Diagnostic.error(at, "dockerfile contains no stages to build (no FROM instruction)"));
        }
        diagnostics.sort(null);
        return new DockerfileModel(ast.directives(), globals, stages, diagnostics);
    }

    /**
     * Types one node.
     *
     * @throws InvalidInstructionException the first problem of this instruction
     */
    static Instruction instruction(InstructionNode n, List<Diagnostic> lints) throws InvalidInstructionException {
        return switch (n.command()) {
            case "from" -> from(n, lints);
            case "run" -> run(n);
            case "cmd" -> {
                FlagSet.of(n).parse(n);
                CommandForm c = command(n, n.args());
                jsonRecommended(n, c, lints);
                yield new Cmd(n, c);
            }
            case "entrypoint" -> {
                FlagSet.of(n).parse(n);
                CommandForm c = command(n, n.args());
                jsonRecommended(n, c, lints);
                yield new Entrypoint(n, c);
            }
            case "copy" -> copy(n);
            case "add" -> add(n);
            case "env" -> new Env(n, keyValues(n, lints));
            case "label" -> new Label(n, keyValues(n, lints));
            case "arg" -> arg(n);
            case "workdir" -> new Workdir(n, single(n));
            case "user" -> new User(n, single(n));
            case "stopsignal" -> new StopSignal(n, single(n));
            case "maintainer" -> {
                Word name = single(n);
                lints.add(Diagnostic.lint("MaintainerDeprecated", n.position(),
                        "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"" + name.text() + "\""));
                yield new Maintainer(n, name);
            }
            case "expose" -> new Expose(n, list(n, "EXPOSE"));
            case "volume" -> volume(n);
            case "healthcheck" -> healthcheck(n);
            case "shell" -> shell(n);
            case "onbuild" -> onbuild(n, lints);
            default -> throw new InvalidInstructionException(n.position(), "unknown instruction: " + n.keyword());
        };
    }

    private static From from(InstructionNode n, List<Diagnostic> lints) throws InvalidInstructionException {
        FlagSet flags = FlagSet.of(n).strings("platform").parse(n);
        List<Word> args = n.args() instanceof Args.Words w ? w.words() : List.of();
        if (args.size() != 1 && args.size() != 3) {
            throw new InvalidInstructionException(n.position(),
                    "FROM requires either one or three arguments (FROM image [AS name]), got " + args.size());
        }
        Optional<Word> name = Optional.empty();
        if (args.size() == 3) {
            Word as = args.get(1);
            if (!as.text().equalsIgnoreCase("as")) {
                throw new InvalidInstructionException(as.position(),
                        "expected AS between the image and the stage name, got \"" + as.text() + "\"");
            }
            boolean keywordUpper = n.keyword().equals(n.keyword().toUpperCase(Locale.ROOT));
            boolean asUpper = as.text().equals(as.text().toUpperCase(Locale.ROOT));
            if (keywordUpper != asUpper) {
                lints.add(Diagnostic.lint("FromAsCasing", as.position(),
                        "'" + as.text() + "' and '" + n.keyword() + "' keywords' casing do not match"));
            }
            Word raw = args.get(2);
            String lower = raw.text().toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(lower).matches()) {
                throw new InvalidInstructionException(raw.position(), "invalid name for build stage: \"" + raw.text()
                        + "\", name can't start with a number or contain symbols");
            }
            if (!lower.equals(raw.text())) {
                lints.add(Diagnostic.lint("StageNameCasing", raw.position(),
                        "Stage name '" + raw.text() + "' should be lowercase"));
            }
            name = Optional.of(raw.withText(lower));
        }
        return new From(n, args.get(0), name, flags.string("platform"));
    }

    private static Run run(InstructionNode n) throws InvalidInstructionException {
        FlagSet flags = FlagSet.of(n).lists("mount").strings("network", "security").parse(n);
        if (n.args() instanceof Args.None) {
            throw new InvalidInstructionException(n.position(), "RUN requires at least one argument");
        }
        List<Mount> mounts = new ArrayList<>();
        for (Word spec : flags.list("mount")) {
            mounts.add(MountParser.parse(spec));
        }
        Optional<Word> network = flags.string("network");
        if (network.isPresent() && !List.of("default", "none", "host").contains(network.get().text())) {
            throw new InvalidInstructionException(network.get().position(), "unsupported network mode \""
                    + network.get().text() + "\" for RUN --network (default, none or host)");
        }
        Optional<Word> security = flags.string("security");
        if (security.isPresent() && !List.of("sandbox", "insecure").contains(security.get().text())) {
            throw new InvalidInstructionException(security.get().position(), "unsupported security mode \""
                    + security.get().text() + "\" for RUN --security (sandbox or insecure)");
        }
        return new Run(n, command(n, n.args()), n.heredocs(), mounts, network.map(Word::text),
                security.map(Word::text));
    }

    private static CommandForm command(InstructionNode n, Args args) throws InvalidInstructionException {
        if (args instanceof Args.Json j) {
            return new CommandForm.ExecForm(j.elements());
        }
        if (args instanceof Args.Text t) {
            return new CommandForm.ShellForm(t.text());
        }
        if (args instanceof Args.None) {
            return new CommandForm.ShellForm(new Word("", n.position()));
        }
        throw new InvalidInstructionException(n.position(), "unexpected arguments for " + n.keyword());
    }

    /** The words of a list-shaped argument (shell-form words or JSON elements); empty otherwise. */
    private static List<Word> argWords(Args args) {
        if (args instanceof Args.Words w) {
            return w.words();
        }
        if (args instanceof Args.Json j) {
            return j.elements();
        }
        return List.of();
    }

    private static void jsonRecommended(InstructionNode n, CommandForm c, List<Diagnostic> lints) {
        if (c instanceof CommandForm.ShellForm s && !s.script().text().isEmpty()) {
            String kw = n.command().toUpperCase(Locale.ROOT);
            lints.add(Diagnostic.lint("JSONArgsRecommended", n.position(), "JSON arguments recommended for " + kw
                    + " to prevent unintended behavior related to OS signals"));
        }
    }

    private static Copy copy(InstructionNode n) throws InvalidInstructionException {
        FlagSet flags = FlagSet.of(n).strings("from", "chown", "chmod").bools("link", "parents").lists("exclude").parse(n);
        return new Copy(n, spec(n, flags), flags.string("from"), flags.bool("parents"));
    }

    private static Add add(InstructionNode n) throws InvalidInstructionException {
        FlagSet flags = FlagSet.of(n).strings("chown", "chmod", "checksum").bools("link", "keep-git-dir")
                .lists("exclude").parse(n);
        return new Add(n, spec(n, flags), flags.string("checksum"), flags.bool("keep-git-dir"));
    }

    private static CopySpec spec(InstructionNode n, FlagSet flags) throws InvalidInstructionException {
        String kw = n.command().toUpperCase(Locale.ROOT);
        boolean json = n.args() instanceof Args.Json;
        List<Word> args = argWords(n.args());
        if (args.size() < 2) {
            throw new InvalidInstructionException(n.position(), args.isEmpty()
                    ? kw + " requires at least two arguments: source(s) and destination"
                    : kw + " requires at least two arguments, but only one was provided. Destination could not be determined.");
        }
        Word dest = args.get(args.size() - 1);
        List<Heredoc> heredocs = n.heredocs();
        if (!json && heredocs.stream().anyMatch(h -> isMarker(h, dest))) {
            throw new InvalidInstructionException(dest.position(), kw + " cannot accept a heredoc as a destination");
        }
        List<CopySource> sources = new ArrayList<>();
        for (Word w : args.subList(0, args.size() - 1)) {
            Optional<Heredoc> h = json ? Optional.empty()
                    : heredocs.stream().filter(d -> isMarker(d, w)).findFirst();
            sources.add(h.<CopySource>map(CopySource.Inline::new).orElseGet(() -> new CopySource.Path(w)));
        }
        return new CopySpec(sources, dest, flags.string("chown"), flags.string("chmod"), flags.bool("link"),
                flags.list("exclude"));
    }

    /**
     * Whether {@code w} is the heredoc's marker. COPY's words split on whitespace, so a marker with
     * blanks after {@code <<} ({@code << EOF}) is two words there, neither a heredoc: BuildKit reads
     * the body, then copies {@code <<} and {@code EOF} as paths.
     */
    private static boolean isMarker(Heredoc h, Word w) {
        return h.position().equals(w.position()) && h.marker().equals(w.text());
    }

    private static List<KeyValue> keyValues(InstructionNode n, List<Diagnostic> lints) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        String kw = n.command().toUpperCase(Locale.ROOT);
        if (!(n.args() instanceof Args.Pairs p)) {
            throw new InvalidInstructionException(n.position(), kw + " requires at least one argument");
        }
        if (p.legacy()) {
            Args.Pair pair = p.pairs().get(0);
            lints.add(Diagnostic.lint("LegacyKeyValueFormat", n.position(), "\"" + kw + " key=value\" should be used "
                    + "instead of legacy \"" + kw + " key value\" format: " + kw + " " + pair.key().text() + "=..."));
        }
        List<KeyValue> out = new ArrayList<>();
        for (Args.Pair pair : p.pairs()) {
            if (pair.key().text().isEmpty()) {
                throw new InvalidInstructionException(pair.key().position(), kw + " names can not be blank");
            }
            out.add(new KeyValue(pair.key(), pair.value().orElse(new Word("", pair.key().position()))));
        }
        return out;
    }

    private static Arg arg(InstructionNode n) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        if (!(n.args() instanceof Args.Pairs p)) {
            throw new InvalidInstructionException(n.position(), "ARG requires at least one argument");
        }
        List<ArgDecl> out = new ArrayList<>();
        for (Args.Pair pair : p.pairs()) {
            if (pair.key().text().isEmpty()) {
                throw new InvalidInstructionException(pair.key().position(), "ARG names can not be blank");
            }
            out.add(new ArgDecl(pair.key(), pair.value()));
        }
        return new Arg(n, out);
    }

    private static Word single(InstructionNode n) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        if (n.args() instanceof Args.Text t) {
            return t.text();
        }
        throw new InvalidInstructionException(n.position(), n.command().toUpperCase(Locale.ROOT)
                + " requires exactly one argument");
    }

    private static List<Word> list(InstructionNode n, String kw) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        List<Word> words = argWords(n.args());
        if (words.isEmpty()) {
            throw new InvalidInstructionException(n.position(), kw + " requires at least one argument");
        }
        return words;
    }

    private static Volume volume(InstructionNode n) throws InvalidInstructionException {
        List<Word> paths = list(n, "VOLUME");
        for (Word p : paths) {
            if (p.text().isBlank()) {
                throw new InvalidInstructionException(p.position(), "VOLUME specified can not be an empty string");
            }
        }
        return new Volume(n, paths);
    }

    private static Healthcheck healthcheck(InstructionNode n) throws InvalidInstructionException {
        FlagSet flags = FlagSet.of(n).strings("interval", "timeout", "start-period", "start-interval", "retries").parse(n);
        if (!(n.args() instanceof Args.Health h)) {
            throw new InvalidInstructionException(n.position(), "HEALTHCHECK requires at least one argument");
        }
        String type = h.type().text().toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (!(h.command() instanceof Args.None)) {
                throw new InvalidInstructionException(h.type().position(), "HEALTHCHECK NONE takes no arguments");
            }
            if (!n.flags().isEmpty()) {
                throw new InvalidInstructionException(n.flags().get(0).position(), "HEALTHCHECK NONE takes no options");
            }
            return new Healthcheck(n, Optional.empty());
        }
        if (!type.equals("CMD")) {
            throw new InvalidInstructionException(h.type().position(),
                    "Unknown type \"" + h.type().text() + "\" in HEALTHCHECK (try CMD)");
        }
        if (h.command() instanceof Args.None) {
            throw new InvalidInstructionException(h.type().position(), "Missing command after HEALTHCHECK CMD");
        }
        int retries = 0;
        Optional<Word> r = flags.string("retries");
        if (r.isPresent()) {
            try {
                retries = Integer.parseInt(r.get().text());
            } catch (NumberFormatException e) {
                throw new InvalidInstructionException(r.get().position(),
                        "invalid value for --retries: \"" + r.get().text() + "\" (expected a whole number)");
            }
            if (retries < 0) {
                throw new InvalidInstructionException(r.get().position(), "--retries cannot be negative (" + retries + ")");
            }
        }
        return new Healthcheck(n, Optional.of(new HealthConfig(command(n, h.command()),
                duration(flags, "interval"), duration(flags, "timeout"), duration(flags, "start-period"),
                duration(flags, "start-interval"), retries)));
    }

    private static Duration duration(FlagSet flags, String name) throws InvalidInstructionException {
        Optional<Word> w = flags.string(name);
        if (w.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d = GoDuration.parse(w.get().text());
        if (d == null) {
            throw new InvalidInstructionException(w.get().position(),
                    "invalid duration for --" + name + ": \"" + w.get().text() + "\" (e.g. 30s, 1m30s)");
        }
        if (!d.isZero() && d.compareTo(MIN_DURATION) < 0) {
            throw new InvalidInstructionException(w.get().position(),
                    "Interval \"--" + name + "\" cannot be less than 1ms");
        }
        return d;
    }

    private static Shell shell(InstructionNode n) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        if (n.args() instanceof Args.Json j) {
            if (j.elements().isEmpty()) {
                throw new InvalidInstructionException(n.position(), "SHELL requires at least one argument");
            }
            return new Shell(n, j.elements());
        }
        if (n.args() instanceof Args.None) {
            throw new InvalidInstructionException(n.position(), "SHELL requires at least one argument");
        }
        throw new InvalidInstructionException(n.position(), "SHELL requires the arguments to be in JSON form");
    }

    private static Onbuild onbuild(InstructionNode n, List<Diagnostic> lints) throws InvalidInstructionException {
        FlagSet.of(n).parse(n);
        if (!(n.args() instanceof Args.Sub sub)) {
            throw new InvalidInstructionException(n.position(), "ONBUILD requires at least one argument");
        }
        InstructionNode trigger = sub.trigger();
        switch (trigger.command()) {
            case "onbuild" -> throw new InvalidInstructionException(trigger.position(),
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "from", "maintainer" -> throw new InvalidInstructionException(trigger.position(),
                    trigger.command().toUpperCase(Locale.ROOT) + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
        return new Onbuild(n, instruction(trigger, lints));
    }

    private static Stage stage(int index, From from, List<Instruction> body, List<Diagnostic> lints) {
        Map<String, Instruction> last = new HashMap<>();
        for (Instruction i : body) {
            if (i instanceof Cmd || i instanceof Entrypoint || i instanceof Healthcheck) {
                Instruction prior = last.put(i.keyword(), i);
                if (prior != null) {
                    lints.add(Diagnostic.lint("MultipleInstructionsDisallowed", prior.position(), "Multiple " + i.keyword()
                            + " instructions should not be used in the same stage because only the last one will be used"));
                }
            }
        }
        return new Stage(index, from.stageName().map(Word::text), from, body);
    }
}
