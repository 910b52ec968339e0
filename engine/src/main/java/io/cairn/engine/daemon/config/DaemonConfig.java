package io.cairn.engine.daemon.config;

import io.cairn.engine.pipeline.PipelineSettings;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.RollPeriod;
import io.cairn.storage.index.rocks.RocksSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The daemon's settings in effect: each from a flag, else from daemon.json, else its default
 * ({@link #resolve}). Built only from checked values; the component records check again.
 *
 * @param dataRoot           the root named by the file's {@code data-root}, if any
 * @param logLevel           the daemon log's threshold
 * @param durability         process or sync
 * @param runtime            the OCI runtime binary
 * @param group              the socket's group, if named
 * @param maxFollowers       concurrent followers the API serves
 * @param defaultBridge      whether the predefined bridge network exists
 * @param insecureRegistries registries reached over plain HTTP or unchecked TLS
 * @param registryMirrors    Docker Hub mirrors, in order
 * @param registryCertsDir   where per-registry CAs live
 * @param registryTimeoutSeconds longest wait for a registry
 * @param pipeline           ring size, batch limit, effect threads
 * @param index              RocksDB's cache, memtable and compaction sizes
 * @param journalRollCycle   how often a new journal file starts (for a new journal)
 * @param journalSnapshots   how many index snapshots {@code journal snapshot} keeps
 * @param origins            for each key, where its value came from ({@code default}, the file, the flag)
 */
public record DaemonConfig(Optional<Path> dataRoot, Level logLevel, Durability durability, String runtime,
                           Optional<String> group, int maxFollowers, boolean defaultBridge,
                           List<String> insecureRegistries, List<String> registryMirrors, Path registryCertsDir,
                           int registryTimeoutSeconds, PipelineSettings pipeline, RocksSettings index,
                           RollPeriod journalRollCycle, int journalSnapshots, Map<ConfigKey, String> origins) {

    public DaemonConfig {
        Objects.requireNonNull(dataRoot);
        Objects.requireNonNull(logLevel);
        Objects.requireNonNull(durability);
        Objects.requireNonNull(runtime);
        Objects.requireNonNull(group);
        insecureRegistries = List.copyOf(insecureRegistries);
        registryMirrors = List.copyOf(registryMirrors);
        Objects.requireNonNull(registryCertsDir);
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(index);
        Objects.requireNonNull(journalRollCycle);
        origins = Map.copyOf(origins);
    }

    /**
     * The settings in effect. A flag's value wins over the file's, which wins over the default; a key
     * set both by a flag and in the file is refused, as dockerd refuses it ("the following directives
     * are specified both as a flag and in the configuration file").
     *
     * @param file     what daemon.json set (possibly nothing)
     * @param flags    what the command line set explicitly, each value of its key's Java type
     * @param defaults the values of keys set nowhere ({@link #defaults}, with the environment's bridge)
     */
    public static DaemonConfig resolve(DaemonConfigFile file, Map<ConfigKey, Object> flags,
                                       Map<ConfigKey, Object> defaults) {
        List<String> both = new ArrayList<>();
        for (ConfigKey k : flags.keySet()) {
            if (file.values().containsKey(k)) {
                both.add(k.flag().orElse(k.key()) + ": (from flag: " + show(flags.get(k)) + ", from file: "
                        + show(file.values().get(k)) + ")");
            }
        }
        if (!both.isEmpty()) {
            throw new DaemonConfigException("unable to configure the daemon with file " + file.path()
                    + ": the following directives are specified both as a flag and in the configuration file: "
                    + String.join(", ", both));
        }
        Map<ConfigKey, Object> v = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> labels = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (flags.containsKey(k)) {
                v.put(k, flags.get(k));
                origins.put(k, "flag " + k.flag().orElse(k.key()));
                labels.put(k, k.flag().orElse(k.key()));
                k.problem(flags.get(k)).ifPresent(p -> {
                    throw new DaemonConfigException(k.flag().orElse(k.key()) + ": " + p);
                });
            } else if (file.values().containsKey(k)) {
                v.put(k, file.values().get(k));
                origins.put(k, file.path().toString());
                labels.put(k, file.path() + ": \"" + k.key() + "\"");
            } else if (defaults.containsKey(k)) {
                v.put(k, defaults.get(k));
                origins.put(k, "default");
                labels.put(k, k.key());
            }
        }
        int ring = (Integer) v.get(ConfigKey.RING_SIZE);
        int batch = (Integer) v.get(ConfigKey.BATCH_LIMIT);
        if (batch > ring) {
            throw new DaemonConfigException(labels.get(ConfigKey.BATCH_LIMIT) + ": " + batch
                    + " is larger than the ring (" + labels.get(ConfigKey.RING_SIZE) + ": " + ring + ")");
        }
        long buffer = (Long) v.get(ConfigKey.INDEX_WRITE_BUFFER);
        long all = (Long) v.get(ConfigKey.INDEX_WRITE_BUFFERS_TOTAL);
        if (all < buffer) {
            throw new DaemonConfigException(labels.get(ConfigKey.INDEX_WRITE_BUFFERS_TOTAL) + ": "
                    + ConfigKey.Sizes.describe(all) + " is smaller than one family's memtable ("
                    + labels.get(ConfigKey.INDEX_WRITE_BUFFER) + ": " + ConfigKey.Sizes.describe(buffer) + ")");
        }
        return new DaemonConfig(
                Optional.ofNullable((String) v.get(ConfigKey.DATA_ROOT)).map(Path::of),
                level((String) v.get(ConfigKey.LOG_LEVEL)),
                "sync".equals(v.get(ConfigKey.DURABILITY)) ? Durability.SYNC : Durability.PROCESS,
                (String) v.get(ConfigKey.RUNTIME),
                Optional.ofNullable((String) v.get(ConfigKey.GROUP)),
                (Integer) v.get(ConfigKey.MAX_FOLLOWERS),
                "default".equals(v.get(ConfigKey.BRIDGE)),
                strings(v.get(ConfigKey.INSECURE_REGISTRIES)),
                strings(v.get(ConfigKey.REGISTRY_MIRRORS)),
                Path.of((String) v.get(ConfigKey.REGISTRY_CERTS_DIR)),
                (Integer) v.get(ConfigKey.REGISTRY_TIMEOUT),
                new PipelineSettings(ring, batch, (Integer) v.get(ConfigKey.EFFECT_THREADS)),
                new RocksSettings((Long) v.get(ConfigKey.INDEX_BLOCK_CACHE), buffer,
                        (Integer) v.get(ConfigKey.INDEX_MAX_WRITE_BUFFERS), all,
                        (Integer) v.get(ConfigKey.INDEX_BACKGROUND_JOBS)),
                switch ((String) v.get(ConfigKey.JOURNAL_ROLL_CYCLE)) {
                    case "hourly" -> RollPeriod.HOURLY;
                    case "five-minutes" -> RollPeriod.FIVE_MINUTES;
                    default -> RollPeriod.DAILY;
                },
                (Integer) v.get(ConfigKey.JOURNAL_SNAPSHOTS),
                origins);
    }

    /**
     * Every key's default: the values the daemon had before it had a configuration file. The bridge
     * defaults to {@code defaultBridge} ($CAIRN_BRIDGE, read by the caller).
     */
    public static Map<ConfigKey, Object> defaults(String defaultBridge) {
        Map<ConfigKey, Object> d = new EnumMap<>(ConfigKey.class);
        d.put(ConfigKey.LOG_LEVEL, "info");
        d.put(ConfigKey.DURABILITY, "process");
        d.put(ConfigKey.RUNTIME, "runc");
        d.put(ConfigKey.MAX_FOLLOWERS, 256);
        d.put(ConfigKey.BRIDGE, defaultBridge);
        d.put(ConfigKey.INSECURE_REGISTRIES, List.of());
        d.put(ConfigKey.REGISTRY_MIRRORS, List.of());
        d.put(ConfigKey.REGISTRY_CERTS_DIR, "/etc/docker/certs.d");
        d.put(ConfigKey.REGISTRY_TIMEOUT, 60);
        d.put(ConfigKey.RING_SIZE, PipelineSettings.DEFAULTS.ringSize());
        d.put(ConfigKey.BATCH_LIMIT, PipelineSettings.DEFAULTS.batchLimit());
        d.put(ConfigKey.EFFECT_THREADS, PipelineSettings.DEFAULTS.effectThreads());
        d.put(ConfigKey.INDEX_BLOCK_CACHE, RocksSettings.DEFAULTS.blockCacheBytes());
        d.put(ConfigKey.INDEX_WRITE_BUFFER, RocksSettings.DEFAULTS.writeBufferBytes());
        d.put(ConfigKey.INDEX_WRITE_BUFFERS_TOTAL, RocksSettings.DEFAULTS.allWriteBuffersBytes());
        d.put(ConfigKey.INDEX_MAX_WRITE_BUFFERS, RocksSettings.DEFAULTS.maxWriteBuffers());
        d.put(ConfigKey.INDEX_BACKGROUND_JOBS, RocksSettings.DEFAULTS.backgroundJobs());
        d.put(ConfigKey.JOURNAL_ROLL_CYCLE, "daily");
        d.put(ConfigKey.JOURNAL_SNAPSHOTS, io.cairn.engine.Engine.DEFAULT_KEEP_SNAPSHOTS);
        return d;
    }

    /** One line for the daemon log: each tuning knob, its value and where it came from. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, ConfigKey.DURABILITY, durability.name().toLowerCase());
        append(sb, ConfigKey.RING_SIZE, pipeline.ringSize());
        append(sb, ConfigKey.BATCH_LIMIT, pipeline.batchLimit() == 0 ? "none" : pipeline.batchLimit());
        append(sb, ConfigKey.EFFECT_THREADS, pipeline.effectThreads());
        append(sb, ConfigKey.INDEX_BLOCK_CACHE, ConfigKey.Sizes.describe(index.blockCacheBytes()));
        append(sb, ConfigKey.INDEX_WRITE_BUFFER, ConfigKey.Sizes.describe(index.writeBufferBytes()));
        append(sb, ConfigKey.INDEX_WRITE_BUFFERS_TOTAL, ConfigKey.Sizes.describe(index.allWriteBuffersBytes()));
        append(sb, ConfigKey.INDEX_MAX_WRITE_BUFFERS, index.maxWriteBuffers());
        append(sb, ConfigKey.INDEX_BACKGROUND_JOBS, index.backgroundJobs());
        append(sb, ConfigKey.JOURNAL_ROLL_CYCLE, journalRollCycle.name().toLowerCase().replace('_', '-'));
        append(sb, ConfigKey.JOURNAL_SNAPSHOTS, journalSnapshots);
        append(sb, ConfigKey.LOG_LEVEL, logLevelName(logLevel));
        return sb.toString();
    }

    private void append(StringBuilder sb, ConfigKey key, Object value) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(key.key()).append('=').append(value);
        String origin = origins.getOrDefault(key, "default");
        if (!origin.equals("default")) {
            sb.append(" (").append(origin).append(')');
        }
    }

    /** Docker's log levels as java.util.logging's: fatal and error both SEVERE (the JDK has no FATAL). */
    static Level level(String name) {
        return switch (name) {
            case "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    private static String logLevelName(Level level) {
        if (level == Level.FINE) {
            return "debug";
        }
        if (level == Level.WARNING) {
            return "warn";
        }
        return level == Level.SEVERE ? "error" : "info";
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private static String show(Object value) {
        return value instanceof String s ? s : String.valueOf(value);
    }
}
