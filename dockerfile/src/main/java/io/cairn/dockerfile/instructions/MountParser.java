package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Suggest;
import io.cairn.dockerfile.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the value of {@code RUN --mount} (Docker's comma-separated, CSV-quoted option list).
 * Unknown keys, types and sharing modes get BuildKit's "did you mean" suggestion.
 */
final class MountParser {

    /** What BuildKit suggests from, in its order (the first of equally close ones wins). */
    private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final List<String> SHARING = List.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id", "sharing",
            "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env");

    private MountParser() {
    }

    static Mount parse(Word spec) throws InvalidInstructionException {
        String text = spec.text();
        Mount.Type type = Mount.Type.BIND;
        String target = "";
        Optional<String> source = Optional.empty();
        Optional<String> from = Optional.empty();
        Boolean readOnly = null;
        Optional<String> id = Optional.empty();
        Mount.Sharing sharing = Mount.Sharing.SHARED;
        Optional<Integer> mode = Optional.empty();
        Optional<Integer> uid = Optional.empty();
        Optional<Integer> gid = Optional.empty();
        boolean required = false;
        Optional<Long> size = Optional.empty();
        Optional<String> env = Optional.empty();
        for (String field : fields(spec)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : field.substring(eq + 1);
            switch (key) {
                case "readonly", "ro" -> readOnly = value == null || bool(spec, key, value);
                case "readwrite", "rw" -> readOnly = value != null && !bool(spec, key, value);
                case "required" -> required = value == null || bool(spec, key, value);
                default -> {
                    if (value == null) {
                        throw new InvalidInstructionException(spec.position(),
                                "unexpected key '" + key + "' in '" + field + "' of --mount=" + text);
                    }
                    switch (key) {
                        case "type" -> type = switch (value.toLowerCase(Locale.ROOT)) {
                            case "bind" -> Mount.Type.BIND;
                            case "cache" -> Mount.Type.CACHE;
                            case "tmpfs" -> Mount.Type.TMPFS;
                            case "secret" -> Mount.Type.SECRET;
                            case "ssh" -> Mount.Type.SSH;
                            default -> throw new InvalidInstructionException(spec.position(),
                                    "unsupported mount type \"" + value + "\" in --mount=" + text
                                            + Suggest.didYouMean(value, TYPES, true));
                        };
                        case "target", "dst", "destination" -> target = value;
                        case "source", "src" -> source = Optional.of(value);
                        case "from" -> from = Optional.of(from(spec, value));
                        case "id" -> id = Optional.of(value);
                        case "env" -> env = Optional.of(value);
                        case "sharing" -> sharing = switch (value.toLowerCase(Locale.ROOT)) {
                            case "shared" -> Mount.Sharing.SHARED;
                            case "private" -> Mount.Sharing.PRIVATE;
                            case "locked" -> Mount.Sharing.LOCKED;
                            default -> throw new InvalidInstructionException(spec.position(),
                                    "unsupported sharing value \"" + value + "\" in --mount=" + text
                                            + Suggest.didYouMean(value, SHARING, true));
                        };
                        case "mode" -> mode = Optional.of(number(spec, key, value, 8));
                        case "uid" -> uid = Optional.of(number(spec, key, value, 10));
                        case "gid" -> gid = Optional.of(number(spec, key, value, 10));
                        case "size" -> size = Optional.of(bytes(spec, value));
                        default -> throw new InvalidInstructionException(spec.position(),
                                "unexpected key '" + key + "' in '" + field + "' of --mount=" + text
                                        + Suggest.didYouMean(key, KEYS, true));
                    }
                }
            }
        }
        if (target.isEmpty() && type != Mount.Type.SECRET && type != Mount.Type.SSH) {
            throw new InvalidInstructionException(spec.position(),
                    "--mount of type " + type.name().toLowerCase(Locale.ROOT) + " requires a target: --mount=" + text);
        }
        if (from.isPresent() && type != Mount.Type.BIND && type != Mount.Type.CACHE) {
            throw new InvalidInstructionException(spec.position(),
                    "'from' is not allowed for --mount of type " + type.name().toLowerCase(Locale.ROOT));
        }
        if (type == Mount.Type.SECRET && id.isEmpty() && target.isEmpty() && env.isEmpty()) {
            throw new InvalidInstructionException(spec.position(), "secret --mount needs an id, a target or an env: --mount=" + text);
        }
        boolean ro = readOnly != null ? readOnly : type == Mount.Type.BIND;
        return new Mount(spec, type, target, source, from, ro, id, sharing, mode, uid, gid, required, size, env);
    }

    /**
     * {@code from=} names a stage or an image before any variable is known, so BuildKit refuses a
     * {@code $} that could start one (anything but a trailing {@code $}), whatever it would expand to.
     */
    private static String from(Word spec, String value) throws InvalidInstructionException {
        int dollar = value.indexOf('$');
        if (dollar >= 0 && dollar != value.length() - 1) {
            throw new InvalidInstructionException(spec.position(),
                    "'from' doesn't support variable expansion, define alias stage instead");
        }
        return value;
    }

    /** Splits on commas outside double quotes; {@code ""} inside quotes is a quote (CSV). */
    private static List<String> fields(Word spec) throws InvalidInstructionException {
        String s = spec.text();
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInstructionException(spec.position(), "unterminated quote in --mount=" + s);
        }
        out.add(cur.toString());
        out.removeIf(String::isBlank);
        return out;
    }

    private static boolean bool(Word spec, String key, String value) throws InvalidInstructionException {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new InvalidInstructionException(spec.position(),
                    "invalid value for " + key + ": \"" + value + "\" (expected true or false)");
        };
    }

    private static int number(Word spec, String key, String value, int radix) throws InvalidInstructionException {
        try {
            int n = Integer.parseInt(value, radix);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInstructionException(spec.position(), "invalid value for " + key + ": \"" + value + "\""
                    + (radix == 8 ? " (expected an octal mode)" : " (expected a non-negative number)"));
        }
    }

    /** Sizes like {@code 512}, {@code 64k}, {@code 10m}, {@code 1g} (binary multiples, as Docker). */
    private static long bytes(Word spec, String value) throws InvalidInstructionException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        if (!v.isEmpty()) {
            char u = v.charAt(v.length() - 1);
            int shift = "kmgtp".indexOf(u);
            if (shift >= 0) {
                mult = 1L << (10 * (shift + 1));
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0 || n > Long.MAX_VALUE / mult) {
                throw new NumberFormatException();
            }
            return n * mult;
        } catch (NumberFormatException e) {
            throw new InvalidInstructionException(spec.position(), "invalid size for --mount: \"" + value + "\"");
        }
    }
}
