package io.cairn.engine.main;

import io.cairn.engine.daemon.Daemon;
import io.cairn.engine.daemon.config.ConfigFileLookup;
import io.cairn.engine.daemon.config.ConfigKey;
import io.cairn.engine.daemon.config.DaemonConfig;
import io.cairn.engine.daemon.config.DaemonConfigException;
import io.cairn.engine.daemon.config.DaemonConfigFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn daemon}: runs the engine for the root in the foreground until SIGTERM. Its settings come
 * from the flags, then daemon.json ({@link ConfigFileLookup}), then the defaults; a key set by both a
 * flag and the file, or any bad value, stops the start with exit status 1 before anything is touched.
 */
@Command(name = "daemon", description = "Run the engine in the foreground.")
public final class DaemonCommand implements Callable<Integer> {

    /** The system-wide file; a system property so that tests and packagers can point elsewhere. */
    static final String SYSTEM_CONFIG_PROPERTY = "cairn.daemon.system-config";

    private static final Logger LOG = Logger.getLogger(DaemonCommand.class.getName());

    @ParentCommand
    EngineCommand cairn;

    @Spec
    CommandSpec spec;

    @Option(names = "--config-file", paramLabel = "PATH",
            description = "The daemon configuration file (default: <root>/daemon.json if it exists, else "
                    + ConfigFileLookup.SYSTEM_FILE + " if it exists). docs/TUNING.md lists its keys.")
    Path configFile;

    @Option(names = {"-l", "--log-level"}, paramLabel = "debug|info|warn|error|fatal", defaultValue = "info",
            description = "The daemon log's threshold (default: ${DEFAULT-VALUE}).")
    String logLevel;

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
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--registry-mirror", paramLabel = "URL",
            description = "A Docker Hub mirror tried before Docker Hub for pulls (repeatable, in order).")
    List<String> registryMirrors = new ArrayList<>();

    @Option(names = "--registry-certs-dir", paramLabel = "DIR", defaultValue = "/etc/docker/certs.d",
            description = "Where HOST[:PORT]/*.crt add CAs trusted for that registry (default: ${DEFAULT-VALUE}).")
    String registryCertsDir;

    @Option(names = "--registry-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Longest wait for a registry's answer, or for the next bytes of a download"
                    + " (default: ${DEFAULT-VALUE}).")
    int registryTimeout;

    @Option(names = {"-b", "--bridge"}, paramLabel = "default|none", defaultValue = "${env:CAIRN_BRIDGE:-default}",
            description = "default: the predefined network bridge exists and containers without --network join it;"
                    + " none: no default bridge, --network default means none, as dockerd -b none"
                    + " (default: $CAIRN_BRIDGE, else default).")
    String bridge;

    @Option(names = "--ring-size", paramLabel = "N", defaultValue = "4096",
            description = "Slots of the pipeline's ring, a power of two (default: ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--batch-limit", paramLabel = "N", defaultValue = "0",
            description = "Most commands per journal flush and index write; 0: no limit but the ring"
                    + " (default: ${DEFAULT-VALUE}).")
    int batchLimit;

    @Option(names = "--effect-threads", paramLabel = "N", defaultValue = "2",
            description = "Threads running effects after their decision (default: ${DEFAULT-VALUE}).")
    int effectThreads;

    @Override
    public Integer call() {
        PrintStream err = new PrintStream(System.err, true);
        Map<ConfigKey, Object> flags = flags();
        for (Map.Entry<ConfigKey, Object> flag : flags.entrySet()) {
            Optional<String> problem = flag.getKey().problem(flag.getValue());
            if (problem.isPresent()) { // a usage error, before any file is read
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        flag.getKey().flag().orElseThrow() + ": " + problem.get());
            }
        }
        DaemonConfig config;
        Path root = cairn.root();
        try {
            ConfigFileLookup lookup = new ConfigFileLookup(
                    Path.of(System.getProperty(SYSTEM_CONFIG_PROPERTY, ConfigFileLookup.SYSTEM_FILE)));
            DaemonConfigFile file = lookup.read(root, Optional.ofNullable(configFile));
            config = DaemonConfig.resolve(file, flags, DaemonConfig.defaults(bridgeDefault()));
            root = dataRoot(config, file, root);
        } catch (DaemonConfigException e) {
            spec.commandLine().getErr().println("Error: unable to configure the daemon: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        applyLogLevel(config.logLevel());
        LOG.info("settings: " + config.describe());
        io.cairn.engine.registry.RegistryConfig registries;
        try {
            registries = registries(config);
        } catch (DaemonConfigException e) {
            spec.commandLine().getErr().println("Error: unable to configure the daemon: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return Daemon.run(new Daemon.Options(root, config.durability(), config.runtime(), config.group(),
                config.maxFollowers(), config.defaultBridge(), config.pipeline(), config.index(),
                config.journalRollCycle(), config.journalSnapshots()), registries, err);
    }

    /** The flags given on this command line (not their defaults), each as its key's Java type. */
    private Map<ConfigKey, Object> flags() {
        var parsed = spec.commandLine().getParseResult();
        Map<ConfigKey, Object> f = new EnumMap<>(ConfigKey.class);
        put(f, parsed, ConfigKey.LOG_LEVEL, logLevel);
        put(f, parsed, ConfigKey.DURABILITY, durability);
        put(f, parsed, ConfigKey.RUNTIME, runtime);
        put(f, parsed, ConfigKey.GROUP, group);
        put(f, parsed, ConfigKey.MAX_FOLLOWERS, maxFollowers);
        put(f, parsed, ConfigKey.INSECURE_REGISTRIES, List.copyOf(insecureRegistries));
        put(f, parsed, ConfigKey.REGISTRY_MIRRORS, List.copyOf(registryMirrors));
        put(f, parsed, ConfigKey.REGISTRY_CERTS_DIR, registryCertsDir);
        put(f, parsed, ConfigKey.REGISTRY_TIMEOUT, registryTimeout);
        put(f, parsed, ConfigKey.BRIDGE, bridge);
        put(f, parsed, ConfigKey.RING_SIZE, ringSize);
        put(f, parsed, ConfigKey.BATCH_LIMIT, batchLimit);
        put(f, parsed, ConfigKey.EFFECT_THREADS, effectThreads);
        return f;
    }

    private static void put(Map<ConfigKey, Object> f, picocli.CommandLine.ParseResult parsed, ConfigKey key,
                            Object value) {
        if (parsed.hasMatchedOption(key.flag().orElseThrow())) {
            f.put(key, value);
        }
    }

    /** $CAIRN_BRIDGE is a default, below daemon.json: the IT harness's environment must not override a file. */
    private static String bridgeDefault() {
        String env = System.getenv("CAIRN_BRIDGE");
        return env == null || env.isEmpty() ? "default" : env;
    }

    /**
     * The root in effect. daemon.json's {@code data-root} names it when neither {@code --root} nor
     * $CAIRN_ROOT does; naming another root than theirs, or than the root holding the file, is refused.
     */
    private Path dataRoot(DaemonConfig config, DaemonConfigFile file, Path root) {
        if (config.dataRoot().isEmpty()) {
            return root;
        }
        Path named = config.dataRoot().get().normalize();
        String label = file.path() + ": \"data-root\": \"" + config.dataRoot().get() + "\"";
        if (file.path().equals(root.resolve("daemon.json"))) {
            if (!named.equals(root.toAbsolutePath().normalize())) {
                throw new DaemonConfigException(label + " names another root than the one holding this file ("
                        + root + ")");
            }
            return root;
        }
        String env = System.getenv("CAIRN_ROOT");
        boolean chosen = cairn.root != null || (env != null && !env.isEmpty());
        if (chosen && !named.equals(root.toAbsolutePath().normalize())) {
            throw new DaemonConfigException(label + " differs from the root given by --root or $CAIRN_ROOT ("
                    + root + ")");
        }
        return named;
    }

    /**
     * The daemon log's threshold: the root logger's and its handlers' (the console handler filters
     * too), and slf4j-simple's, which Jetty and Chronicle log through (read once, when their first
     * logger is made: this runs before either starts).
     */
    private static void applyLogLevel(Level level) {
        String slf4j = level == Level.FINE ? "debug" : level == Level.WARNING ? "warn"
                : level == Level.SEVERE ? "error" : "info";
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", slf4j);
        }
        Logger top = Logger.getLogger("");
        top.setLevel(level);
        for (var handler : top.getHandlers()) {
            handler.setLevel(level);
        }
    }

    private static io.cairn.engine.registry.RegistryConfig registries(DaemonConfig config) {
        String origin = config.origins().getOrDefault(ConfigKey.REGISTRY_MIRRORS, "default");
        String label = origin.startsWith("flag ") ? "--registry-mirror"
                : origin + ": \"" + ConfigKey.REGISTRY_MIRRORS.key() + "\"";
        List<java.net.URI> mirrors = new ArrayList<>();
        for (String m : config.registryMirrors()) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(m.replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new DaemonConfigException(label + ": expected http(s)://HOST[:PORT], got \"" + m + "\"");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new DaemonConfigException(label + ": expected http(s)://HOST[:PORT], got \"" + m + "\"");
            }
            mirrors.add(uri);
        }
        java.time.Duration t = java.time.Duration.ofSeconds(config.registryTimeoutSeconds());
        return new io.cairn.engine.registry.RegistryConfig(java.util.Set.copyOf(config.insecureRegistries()), mirrors,
                config.registryCertsDir(), io.cairn.engine.registry.RegistryConfig.Limits.DEFAULT.withTimeouts(
                        io.cairn.engine.registry.RegistryConfig.Limits.DEFAULT.connectTimeout(), t, t));
    }
}
