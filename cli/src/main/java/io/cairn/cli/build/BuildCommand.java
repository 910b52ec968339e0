package io.cairn.cli.build;

import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.command.UsageException;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.client.StreamJson;
import io.cairn.dockerfile.check.BuildContext;
import io.cairn.dockerfile.check.CheckReport;
import io.cairn.dockerfile.check.DockerfileChecker;
import io.cairn.dockerfile.dockerignore.IgnoreFile;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.Platform;
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
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn build [--check] [-f FILE|-] [--build-arg K[=V]]... [--target STAGE] [--platform P] CONTEXT|-}.
 *
 * <p>With {@code --check} it parses the Dockerfile, expands it, resolves its stages and checks
 * that every COPY/ADD source exists in the context after {@code .dockerignore}; it prints every
 * problem as {@code FILE:LINE:COL: message} with the offending line, builds nothing and journals
 * nothing. Exit codes, as every command's ({@link ExitCodes}): 0 buildable, 1 problems found (or
 * the Dockerfile or context cannot be read: an invalid argument), 125 bad flags or usage.
 *
 * <p>Without {@code --check} it builds, with Docker's flags ({@code -t}, {@code -f}, {@code --build-arg},
 * {@code --target}, {@code --no-cache}, {@code --network}, {@code --allow}, {@code -q}, {@code --label},
 * {@code --progress}, {@code --iidfile}, {@code --secret}, {@code --ssh}): the daemon reads the context directory in place (client
 * and daemon share the host) and streams the steps back; {@code SOURCE_DATE_EPOCH} in the
 * environment becomes the build arg of the same name, as with buildx. Exit 0 built, else by the
 * kind the daemon reported (1 for a failed step: the error names the Dockerfile line, the step and,
 * for RUN, the exit code).
 */
@Command(name = "build", description = "Build an image from a Dockerfile.", mixinStandardHelpOptions = true)
public final class BuildCommand extends ClientCommand {

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

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name and optionally a tag for the image.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use the build cache.")
    boolean noCache;

    @Option(names = "--network", paramLabel = "none|bridge|host",
            description = "Network of RUN steps (default: none; bridge: the daemon's default bridge, with NAT out).")
    String network;

    @Option(names = "--allow", paramLabel = "network.host",
            description = "Allow an entitlement: network.host lets RUN --network=host use the host's network.")
    List<String> allow = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
    boolean quiet;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set a label on the image.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "auto|plain|quiet", defaultValue = "auto",
            description = "Progress output: auto (a live view on a terminal, else plain), plain or quiet.")
    String progress;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID to FILE.")
    String iidfile;

    @Option(names = "--secret", paramLabel = "id=ID[,src=FILE|,env=VAR]",
            description = "Secret for RUN --mount=type=secret (never stored in the image, the cache or the journal).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "default|ID=SOCKET",
            description = "ssh-agent socket for RUN --mount=type=ssh (default: $SSH_AUTH_SOCK).")
    List<String> ssh = new ArrayList<>();

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

    /**
     * Checks or builds; a failure is thrown, as {@link UsageException} (bad usage) or as the {@link
     * CairnException} of its kind, for the CLI's one error handler to report and exit by.
     */
    @Override
    protected int run() {
        PrintWriter out = out();
        PrintWriter err = err();
        BuildOptions options = options();
        return check ? runCheck(options, out, err) : runBuild(options, out, err);
    }

    private BuildOptions options() {
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

    private int runCheck(BuildOptions options, PrintWriter out, PrintWriter err) {
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
                throw new InvalidArgumentException("remote build contexts are not supported yet: " + context);
            }
            Path root = Path.of(context);
            if (!Files.isDirectory(root)) {
                throw new InvalidArgumentException("unable to prepare context: path \"" + context + "\" not found"
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
                throw new InvalidArgumentException(".dockerignore: " + e.getMessage());
            } catch (IOException e) {
                throw new InvalidArgumentException("cannot read .dockerignore in " + context + ": " + e.getMessage());
            }
            ctx = BuildContext.of(root, "\"" + context + "\"", ignore);
        }
        CheckReport report;
        try {
            report = DockerfileChecker.check(name, text, ctx, options);
        } catch (UncheckedIOException e) {
            throw new InvalidArgumentException(e.getMessage());
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
            throw new InvalidArgumentException(first.format(name) + (more > 0 ? " (and " + more + " more error"
                    + (more == 1 ? "" : "s") + ")" : ""));
        }
        long warnings = report.warnings() + (report.unusedBuildArgs().isEmpty() ? 0 : 1);
        out.println("Check complete, " + (warnings == 0 ? "no problems found." : warnings + " warning"
                + (warnings == 1 ? "" : "s") + ", no errors."));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * What {@link #dockerfile} found: the text, how errors name it, the context directory if any, or
     * a context archive from stdin (then the Dockerfile is {@code name} inside it).
     */
    private record Source(String name, String text, Optional<Path> context, Optional<InputStream> archive) {
        Source(String name, String text, Optional<Path> context) {
            this(name, text, context, Optional.empty());
        }
    }

    private Source dockerfile() {
        if (context.equals("-")) {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(stdin, 64 * 1024);
            byte[] head;
            try {
                in.mark(512);
                head = in.readNBytes(512);
                in.reset();
            } catch (IOException e) {
                throw new InvalidArgumentException("cannot read stdin: " + e.getMessage());
            }
            if (isArchive(head)) {
                // docker build - < context.tar: the context, with the Dockerfile at -f (default Dockerfile) inside
                return new Source(file != null ? file : "Dockerfile", null, Optional.empty(), Optional.of(in));
            }
            if (file != null) {
                throw new UsageException("-f cannot be used when the Dockerfile is read from stdin (CONTEXT -)");
            }
            stdin = in;
            return new Source("<stdin>", stdinDockerfile(), Optional.empty());
        }
        if (context.contains("://") || context.startsWith("git@")) {
            throw new InvalidArgumentException("remote build contexts are not supported: " + context);
        }
        Path root = Path.of(context);
        if (!Files.isDirectory(root)) {
            throw new InvalidArgumentException("unable to prepare context: path \"" + context + "\" not found"
                    + (Files.exists(root) ? " as a directory" : ""));
        }
        if ("-".equals(file)) {
            return new Source("<stdin>", stdinDockerfile(), Optional.of(root.toAbsolutePath().normalize()));
        }
        Path df = file != null ? Path.of(file) : root.resolve("Dockerfile");
        String name = file != null ? file : "Dockerfile";
        return new Source(name, read(df, name), Optional.of(root.toAbsolutePath().normalize()));
    }

    /** Sends the build to the daemon and shows its progress; prints the image ID with {@code -q}. */
    private int runBuild(BuildOptions options, PrintWriter out, PrintWriter err) {
        if (network != null && !List.of("none", "host", "default", "bridge").contains(network)) {
            throw new UsageException("--network: \"" + network + "\" is not supported: use none, bridge or host");
        }
        for (String a : allow) {
            if (!a.equals("network.host")) {
                throw new UsageException("--allow: invalid entitlement \"" + a + "\": Cairn knows network.host");
            }
        }
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            labelMap.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        Map<String, String> args = new LinkedHashMap<>(options.buildArgs());
        String epoch = environment.apply("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isEmpty()) {
            args.putIfAbsent("SOURCE_DATE_EPOCH", epoch); // as buildx does: the client's reproducible-build time
        }
        Map<String, byte[]> secretValues;
        Map<String, String> agents;
        try {
            secretValues = BuildSecrets.secrets(secrets, environment);
            agents = BuildSecrets.agents(ssh, environment);
        } catch (BuildSecrets.BadFlag e) {
            throw new UsageException(e.getMessage());
        }
        ProgressView view = view(err);
        Source source = dockerfile();
        if (source.archive().isPresent() && !secretValues.isEmpty()) {
            throw new UsageException("--secret cannot be used with a context archive on stdin; give a directory");
        }
        StringBuilder query = new StringBuilder("/build?dockerfile=").append(ApiClient.encodeQuery(source.name()));
        source.context().ifPresent(c -> query.append("&context=").append(ApiClient.encodeQuery(c.toString())));
        for (String t : tags) {
            query.append("&t=").append(ApiClient.encodeQuery(t));
        }
        // jackson-core's generator, not databind: a cached build is mostly the client's start, and databind's is ≈ 40 ms of it
        query.append("&buildargs=").append(ApiClient.encodeQuery(StreamJson.write(args)));
        query.append("&labels=").append(ApiClient.encodeQuery(StreamJson.write(labelMap)));
        if (!agents.isEmpty()) {
            query.append("&ssh=").append(ApiClient.encodeQuery(StreamJson.write(agents)));
        }
        options.target().ifPresent(t -> query.append("&target=").append(ApiClient.encodeQuery(t)));
        if (noCache) {
            query.append("&nocache=1");
        }
        if (network != null) {
            query.append("&networkmode=").append(ApiClient.encodeQuery(network));
        }
        for (String a : allow) {
            query.append("&allow=").append(ApiClient.encodeQuery(a));
        }
        String[] id = {null};
        CairnException[] error = {null};
        ApiClient client = client();
        byte[] body = null;
        String type;
        if (source.archive().isPresent()) {
            type = "application/x-tar";
        } else if (secretValues.isEmpty()) {
            body = source.text().getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else {
            // secrets travel in the body, never in the query (which proxies and logs may keep)
            Map<String, String> encoded = new LinkedHashMap<>();
            secretValues.forEach((k, v) -> encoded.put(k, java.util.Base64.getEncoder().encodeToString(v)));
            body = StreamJson.write(Map.of("dockerfile", source.text(), "secrets", encoded)).getBytes(StandardCharsets.UTF_8);
            type = "application/vnd.cairn.build+json";
        }
        InputStream upload = source.archive().isPresent() ? source.archive().get() : new java.io.ByteArrayInputStream(body);
        // the credentials a FROM image's pull may need, as the docker CLI sends them: all of them
        Map<String, String> registryConfig = io.cairn.cli.registry.DockerConfig.load().registryConfigHeader();
        client.uploadStreaming(query.toString(), type, registryConfig, upload, n -> { }, line -> {
                    Map<String, Object> m = StreamJson.object(line);
                    if (m.get("aux") instanceof Map<?, ?> aux) {
                        id[0] = String.valueOf(aux.get("ID"));
                    } else if (m.containsKey("error") && !m.containsKey("step")) {
                        Object kind = m.get("errorDetail") instanceof Map<?, ?> detail ? detail.get("kind") : null;
                        error[0] = CairnException.fromStream(kind == null ? null : String.valueOf(kind),
                                String.valueOf(m.get("error")));
                    } else if (m.containsKey("step") || m.containsKey("warning")) {
                        view.accept(ProgressMessage.of(m));
                    } // else Docker's closing text ("Successfully built …"), which this client says its own way
                    return true;
                });
        if (error[0] != null || id[0] == null) {
            view.failed();
            throw error[0] != null ? error[0] : new EngineFailureException("the daemon ended the build without a result");
        }
        view.finished(id[0], tags);
        if (iidfile != null) {
            try {
                Files.writeString(Path.of(iidfile), id[0]);
            } catch (IOException e) {
                throw new InvalidArgumentException("cannot write --iidfile " + iidfile + ": " + e.getMessage());
            }
        }
        if (quiet) {
            out.println(id[0]);
            out.flush();
        }
        return ExitCodes.OK;
    }

    private ProgressView view(PrintWriter err) {
        String mode = quiet ? "quiet" : progress;
        return switch (mode) {
            case "quiet" -> ProgressView.QUIET;
            case "plain" -> new PlainProgress(err);
            case "auto", "tty" -> System.console() != null && !"dumb".equals(environment.apply("TERM"))
                    ? new TtyProgress(err, columns()) : new PlainProgress(err);
            default -> throw new UsageException("--progress: \"" + progress + "\" is not one of auto, plain, quiet");
        };
    }

    private int columns() {
        try {
            return Math.max(40, Integer.parseInt(environment.apply("COLUMNS")));
        } catch (RuntimeException e) {
            return 80;
        }
    }

    private String stdinDockerfile() {
        byte[] bytes;
        try {
            bytes = stdin.readAllBytes();
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read the Dockerfile from stdin: " + e.getMessage());
        }
        if (isArchive(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 512)))) {
            throw new InvalidArgumentException("stdin holds an archive, not a Dockerfile: a context archive on stdin is read"
                    + " only as CONTEXT - without --check or -f -");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A tar (ustar magic) or a compressed stream, as Docker tells a context archive from a Dockerfile.
     * The same magic numbers as the engine's one sniffer ({@code io.cairn.storage.layer.StreamFormat}),
     * which the client cannot reach (it depends on the API and the Dockerfile front end only); this
     * check only tells an archive from text, and the daemon names the format.
     */
    static boolean isArchive(byte[] head) {
        if (head.length > 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return true;
        }
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        return (b0 == 0x1f && b1 == 0x8b)                                            // gzip
                || (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') // bzip2
                || (head.length >= 6 && b0 == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                    && head[4] == 'Z' && head[5] == 0)                                // xz
                || (head.length >= 4 && b0 == 0x28 && b1 == 0xb5 && (head[2] & 0xff) == 0x2f
                    && (head[3] & 0xff) == 0xfd);                                     // zstd
    }

    private static String read(Path df, String name) {
        try {
            return Files.readString(df, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("cannot read Dockerfile " + name + ": no such file");
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read Dockerfile " + name + ": " + e.getMessage());
        }
    }

    private static String display(Path p) {
        String s = p.normalize().toString();
        return s.isEmpty() ? "Dockerfile" : s;
    }
}
