package io.cairn.cli.build;

import io.cairn.engine.build.dockerfile.check.BuildContext;
import io.cairn.engine.build.dockerfile.check.CheckReport;
import io.cairn.engine.build.dockerfile.check.DockerfileChecker;
import io.cairn.engine.build.dockerfile.dockerignore.IgnoreFile;
import io.cairn.engine.build.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.engine.build.dockerfile.dockerignore.PatternMatcher;
import io.cairn.engine.build.dockerfile.plan.BuildOptions;
import io.cairn.engine.build.dockerfile.plan.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn build [--check] [-f FILE|-] [--build-arg K[=V]]... [--target STAGE] [--platform P] CONTEXT|-}.
 *
 * <p>With {@code --check} it parses the Dockerfile, expands it, resolves its stages and checks
 * that every COPY/ADD source exists in the context after {@code .dockerignore}; it prints every
 * problem as {@code FILE:LINE:COL: message} with the offending line, builds nothing and journals
 * nothing. Exit codes: 0 buildable, 1 problems found (or the Dockerfile or context cannot be
 * read), 125 bad flags or usage. Without {@code --check} it says that building is not available
 * yet and exits 1.
 */
@Command(name = "build", description = "Build an image from a Dockerfile (for now: --check only).",
        mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 125, exitCodeOnExecutionException = 1)
public final class BuildCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 125;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Name of the Dockerfile (default: CONTEXT/Dockerfile); - reads it from stdin.")
    String file;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
            description = "Set a build-time variable; KEY alone takes its value from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (default: the last).")
    String target;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Target platform (default: the host's).")
    String platform;

    @Option(names = "--check", description = "Check the Dockerfile and context without building.")
    boolean check;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT|-",
            description = "Build context directory, or - to read the Dockerfile from stdin (no context).")
    String context;

    /** Where {@code --build-arg KEY} values come from; tests replace it. */
    Function<String, String> environment = System::getenv;

    /** Standard input; tests replace it. */
    InputStream stdin = System.in;

    /** Public no-arg constructor: the integrator registers this command as a subcommand. */
    public BuildCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildOptions options;
        try {
            options = options();
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        if (!check) {
            err.println("Error: cairn build cannot build images yet; use cairn build --check to check a "
                    + "Dockerfile and its context without building");
            err.flush();
            return FAILED;
        }
        try {
            return runCheck(options, out, err);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return USAGE;
        } catch (FailureException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private BuildOptions options() throws UsageException {
        if (context == null) {
            throw new UsageException("\"cairn build\" requires exactly 1 argument: CONTEXT (a directory) or -");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new UsageException("invalid --build-arg \"" + a + "\": expected KEY=VALUE or KEY");
            }
            if (eq >= 0) {
                args.put(key, a.substring(eq + 1));
            } else {
                String v = environment.apply(key);
                if (v != null) {
                    args.put(key, v); // as Docker: KEY alone takes the caller's environment, if set
                }
            }
        }
        Platform p;
        try {
            p = platform == null ? Platform.host() : Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--platform: " + e.getMessage());
        }
        if (target != null && target.isBlank()) {
            throw new UsageException("--target cannot be empty");
        }
        return new BuildOptions(args, Optional.ofNullable(target), p);
    }

    private int runCheck(BuildOptions options, PrintWriter out, PrintWriter err)
            throws UsageException, FailureException {
        String name;
        String text;
        BuildContext ctx;
        if (context.equals("-")) {
            if (file != null) {
                throw new UsageException("-f cannot be used when the Dockerfile is read from stdin (CONTEXT -)");
            }
            name = "<stdin>";
            text = stdinDockerfile();
            ctx = BuildContext.none();
        } else {
            if (context.contains("://") || context.startsWith("git@")) {
                throw new FailureException("remote build contexts are not supported yet: " + context);
            }
            Path root = Path.of(context);
            if (!Files.isDirectory(root)) {
                throw new FailureException("unable to prepare context: path \"" + context + "\" not found"
                        + (Files.exists(root) ? " as a directory" : ""));
            }
            Optional<Path> dockerfile;
            if ("-".equals(file)) {
                name = "<stdin>";
                text = stdinDockerfile();
                dockerfile = Optional.empty();
            } else {
                Path df = file != null ? Path.of(file) : root.resolve("Dockerfile");
                name = file != null ? file : display(root.resolve("Dockerfile"));
                text = read(df, name);
                dockerfile = Optional.of(df);
            }
            PatternMatcher ignore;
            try {
                ignore = IgnoreFile.locate(root, dockerfile).matcher();
            } catch (InvalidPatternException e) {
                throw new FailureException(".dockerignore: " + e.getMessage());
            } catch (IOException e) {
                throw new FailureException("cannot read .dockerignore in " + context + ": " + e.getMessage());
            }
            ctx = BuildContext.of(root, "\"" + context + "\"", ignore);
        }
        CheckReport report;
        try {
            report = DockerfileChecker.check(name, text, ctx, options);
        } catch (UncheckedIOException e) {
            throw new FailureException(e.getMessage());
        }
        for (String line : report.render(text)) {
            out.println(line);
        }
        if (!report.unusedBuildArgs().isEmpty()) {
            out.println("warning: one or more build-args " + report.unusedBuildArgs().stream().sorted().toList()
                    + " were not consumed");
        }
        out.flush();
        if (!report.ok()) {
            var first = report.diagnostics().stream().filter(d -> d.isError()).findFirst().orElseThrow();
            long more = report.errors() - 1;
            err.println("Error: " + first.format(name) + (more > 0 ? " (and " + more + " more error"
                    + (more == 1 ? "" : "s") + ")" : ""));
            err.flush();
            return FAILED;
        }
        long warnings = report.warnings() + (report.unusedBuildArgs().isEmpty() ? 0 : 1);
        out.println("Check complete, " + (warnings == 0 ? "no problems found." : warnings + " warning"
                + (warnings == 1 ? "" : "s") + ", no errors."));
        out.flush();
        return OK;
    }

    private String stdinDockerfile() throws FailureException {
        byte[] bytes;
        try {
            bytes = stdin.readAllBytes();
        } catch (IOException e) {
            throw new FailureException("cannot read the Dockerfile from stdin: " + e.getMessage());
        }
        if (bytes.length > 262 && new String(bytes, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new FailureException("a build context archive on stdin is not supported yet; give a directory");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String read(Path df, String name) throws FailureException {
        try {
            return Files.readString(df, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FailureException("cannot read Dockerfile " + name + ": no such file");
        } catch (IOException e) {
            throw new FailureException("cannot read Dockerfile " + name + ": " + e.getMessage());
        }
    }

    private static String display(Path p) {
        String s = p.normalize().toString();
        return s.isEmpty() ? "Dockerfile" : s;
    }

    /** Bad flags or arguments: exit 125. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** The check could not run (unreadable file, missing context): exit 1. */
    private static final class FailureException extends Exception {
        private static final long serialVersionUID = 1L;

        FailureException(String message) {
            super(message, null, false, false);
        }
    }
}
