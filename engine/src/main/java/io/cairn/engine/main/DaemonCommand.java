package io.cairn.engine.main;

import io.cairn.engine.daemon.Daemon;
import io.cairn.journal.Durability;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cairn daemon}: runs the engine for the root in the foreground until SIGTERM. */
@Command(name = "daemon", description = "Run the engine in the foreground.")
public final class DaemonCommand implements Callable<Integer> {

    @ParentCommand
    EngineCommand cairn;

    @Option(names = "--durability", paramLabel = "process|sync", defaultValue = "process",
            description = "process: acknowledged operations survive a crash of the daemon (default); "
                    + "sync: they also survive power loss (one fsync per batch).")
    String durability;

    @Option(names = "--runtime", paramLabel = "BINARY", defaultValue = "runc",
            description = "OCI runtime binary (name on the PATH, or a path).")
    String runtime;

    @Option(names = {"-G", "--group"}, paramLabel = "GROUP",
            description = "Group whose members may use the socket (default: cairn if it exists, else root only).")
    String group;

    @Option(names = "--max-followers", paramLabel = "N",
            defaultValue = "" + Daemon.Options.DEFAULT_MAX_FOLLOWERS,
            description = "Most concurrent followers (events, logs --follow, wait) the API serves; one more gets"
                    + " 503 (default: ${DEFAULT-VALUE}).")
    int maxFollowers;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "A registry reached over plain HTTP when HTTPS fails, or over HTTPS without checking its"
                    + " certificate (repeatable; loopback registries always are).")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--registry-mirror", paramLabel = "URL",
            description = "A Docker Hub mirror tried before Docker Hub for pulls (repeatable, in order).")
    java.util.List<String> registryMirrors = new java.util.ArrayList<>();

    @Option(names = "--registry-certs-dir", paramLabel = "DIR", defaultValue = "/etc/docker/certs.d",
            description = "Where HOST[:PORT]/*.crt add CAs trusted for that registry (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path registryCertsDir;

    @Option(names = "--registry-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Longest wait for a registry's answer, or for the next bytes of a download"
                    + " (default: ${DEFAULT-VALUE}).")
    int registryTimeout;

    @Option(names = {"-b", "--bridge"}, paramLabel = "default|none", defaultValue = "${env:CAIRN_BRIDGE:-default}",
            description = "default: the predefined network bridge exists and containers without --network join it;"
                    + " none: no default bridge, --network default means none, as dockerd -b none"
                    + " (default: $CAIRN_BRIDGE, else default).")
    String bridge;

    @Override
    public Integer call() {
        if (!bridge.equals("default") && !bridge.equals("none")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--bridge: expected default or none, got \"" + bridge + "\" (Cairn names its bridges itself)");
        }
        if (maxFollowers < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--max-followers: expected a number of at least 1, got " + maxFollowers);
        }
        Durability mode = switch (durability) {
            case "process" -> Durability.PROCESS;
            case "sync" -> Durability.SYNC;
            default -> throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--durability: expected process or sync, got \"" + durability + "\"");
        };
        return Daemon.run(new Daemon.Options(cairn.root(), mode, runtime, java.util.Optional.ofNullable(group),
                maxFollowers, bridge.equals("default")), registries(), new PrintStream(System.err, true));
    }

    private io.cairn.engine.registry.RegistryConfig registries() {
        if (registryTimeout < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--registry-timeout: expected a number of seconds of at least 1, got " + registryTimeout);
        }
        java.util.List<java.net.URI> mirrors = new java.util.ArrayList<>();
        for (String m : registryMirrors) {
            java.net.URI uri = java.net.URI.create(m.replaceAll("/+$", ""));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--registry-mirror: expected http(s)://HOST[:PORT], got \"" + m + "\"");
            }
            mirrors.add(uri);
        }
        java.time.Duration t = java.time.Duration.ofSeconds(registryTimeout);
        return new io.cairn.engine.registry.RegistryConfig(java.util.Set.copyOf(insecureRegistries), mirrors,
                registryCertsDir, io.cairn.engine.registry.RegistryConfig.Limits.DEFAULT.withTimeouts(
                        io.cairn.engine.registry.RegistryConfig.Limits.DEFAULT.connectTimeout(), t, t));
    }
}
