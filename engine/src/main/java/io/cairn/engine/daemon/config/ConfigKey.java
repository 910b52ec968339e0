package io.cairn.engine.daemon.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key daemon.json may hold, with its type, its range and the flag that sets it too. Docker's
 * key names where Cairn has the same setting ({@code data-root}, {@code log-level}, {@code group},
 * {@code bridge}, {@code insecure-registries}, {@code registry-mirrors}); Cairn's flag names for the rest.
 */
public enum ConfigKey {
    DATA_ROOT("data-root", null, Kind.PATH, 0, 0),
    LOG_LEVEL("log-level", "--log-level", Kind.CHOICE, 0, 0, "debug", "info", "warn", "error", "fatal"),
    DURABILITY("durability", "--durability", Kind.CHOICE, 0, 0, "process", "sync"),
    RUNTIME("runtime", "--runtime", Kind.STRING, 0, 0),
    GROUP("group", "--group", Kind.STRING, 0, 0),
    MAX_FOLLOWERS("max-followers", "--max-followers", Kind.INT, 1, 65536),
    BRIDGE("bridge", "--bridge", Kind.CHOICE, 0, 0, "default", "none"),
    INSECURE_REGISTRIES("insecure-registries", "--insecure-registry", Kind.STRING_LIST, 0, 0),
    REGISTRY_MIRRORS("registry-mirrors", "--registry-mirror", Kind.STRING_LIST, 0, 0),
    REGISTRY_CERTS_DIR("registry-certs-dir", "--registry-certs-dir", Kind.PATH, 0, 0),
    REGISTRY_TIMEOUT("registry-timeout", "--registry-timeout", Kind.INT, 1, 3600),
    RING_SIZE("ring-size", "--ring-size", Kind.POWER_OF_TWO, 64, 65536),
    BATCH_LIMIT("batch-limit", "--batch-limit", Kind.INT, 0, 65536),
    EFFECT_THREADS("effect-threads", "--effect-threads", Kind.INT, 1, 64),
    INDEX_BLOCK_CACHE("index-block-cache", null, Kind.SIZE, 1L << 20, 4L << 30),
    INDEX_WRITE_BUFFER("index-write-buffer", null, Kind.SIZE, 64L << 10, 1L << 30),
    INDEX_WRITE_BUFFERS_TOTAL("index-write-buffers-total", null, Kind.SIZE, 64L << 10, 4L << 30),
    INDEX_MAX_WRITE_BUFFERS("index-max-write-buffers", null, Kind.INT, 2, 16),
    INDEX_BACKGROUND_JOBS("index-background-jobs", null, Kind.INT, 1, 16),
    JOURNAL_ROLL_CYCLE("journal-roll-cycle", null, Kind.CHOICE, 0, 0, "daily", "hourly", "five-minutes"),
    JOURNAL_SNAPSHOTS("journal-snapshots", null, Kind.INT, 1, 1000);

    /** What a key's value is in the file. */
    public enum Kind { INT, POWER_OF_TWO, SIZE, STRING, STRING_LIST, CHOICE, PATH }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private final String key;
    private final String flag;
    private final Kind kind;
    private final long min;
    private final long max;
    private final List<String> choices;

    ConfigKey(String key, String flag, Kind kind, long min, long max, String... choices) {
        this.key = key;
        this.flag = flag;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.choices = List.of(choices);
    }

    /** The name in daemon.json. */
    public String key() {
        return key;
    }

    /** The daemon flag that sets the same value, if there is one. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> choices() {
        return choices;
    }

    /** The key that daemon.json calls {@code name}, if any. */
    public static Optional<ConfigKey> named(String name) {
        for (ConfigKey k : values()) {
            if (k.key.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a value already of this key's Java type ({@link Integer} for numbers, {@link Long} for
     * sizes, {@link String}, {@code List<String>}) against the key's range or choices.
     *
     * @return the problem, worded to follow {@code "key": } or {@code --flag: }; empty when valid
     */
    public Optional<String> problem(Object value) {
        switch (kind) {
            case INT, POWER_OF_TWO, SIZE -> {
                long v = ((Number) value).longValue();
                if (v < min || v > max) {
                    return Optional.of(v + " is out of range: expected " + describeRange());
                }
                if (kind == Kind.POWER_OF_TWO && Long.bitCount(v) != 1) {
                    return Optional.of(v + " is not a power of two");
                }
            }
            case CHOICE -> {
                if (!choices.contains(value)) {
                    return Optional.of("\"" + value + "\" is not one of " + String.join(", ", choices));
                }
            }
            case STRING -> {
                if (((String) value).isBlank()) {
                    return Optional.of("\"\" is empty");
                }
            }
            case PATH -> {
                String p = (String) value;
                if (p.isEmpty() || !p.startsWith("/") || p.indexOf('\0') >= 0) {
                    return Optional.of("\"" + p + "\" is not an absolute path");
                }
            }
            case STRING_LIST -> {
                for (Object item : (List<?>) value) {
                    if (((String) item).isBlank()) {
                        return Optional.of("an empty entry is not a registry");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private String describeRange() {
        if (kind == Kind.SIZE) {
            return "a size between " + Sizes.describe(min) + " and " + Sizes.describe(max);
        }
        return (kind == Kind.POWER_OF_TWO ? "a power of two" : "a number") + " between " + min + " and " + max;
    }

    /** Byte sizes as Docker writes them: a number of bytes, or {@code 512k}, {@code 64m}, {@code 1GiB} (powers of 1024). */
    public static final class Sizes {
        private Sizes() {
        }

        /** The bytes {@code text} names, or empty when it is not a size. */
        public static Optional<Long> parse(String text) {
            Matcher m = SIZE.matcher(text.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                return Optional.empty();
            }
            return Optional.of(n << shift);
        }

        /** {@code 8MiB}, {@code 64KiB}, {@code 1500B}: the largest unit that divides evenly. */
        public static String describe(long bytes) {
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
            int u = 0;
            while (u < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
                bytes /= 1024;
                u++;
            }
            return bytes + units[u];
        }
    }
}
