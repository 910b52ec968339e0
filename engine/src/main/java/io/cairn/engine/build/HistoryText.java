package io.cairn.engine.build;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Cmd;
import io.cairn.dockerfile.instructions.Entrypoint;
import io.cairn.dockerfile.instructions.Env;
import io.cairn.dockerfile.instructions.Expose;
import io.cairn.dockerfile.instructions.Healthcheck;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.KeyValue;
import io.cairn.dockerfile.instructions.Label;
import io.cairn.dockerfile.instructions.Maintainer;
import io.cairn.dockerfile.instructions.Onbuild;
import io.cairn.dockerfile.instructions.Shell;
import io.cairn.dockerfile.instructions.StopSignal;
import io.cairn.dockerfile.instructions.User;
import io.cairn.dockerfile.instructions.Volume;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code created_by} text of a metadata instruction's history entry, as BuildKit writes it —
 * expanded values, and Go's formatting where BuildKit prints a Go value: {@code CMD ["sh" "-c"
 * "x"]} (a quoted slice), {@code VOLUME [/data]}, {@code EXPOSE map[80/tcp:{}]},
 * {@code HEALTHCHECK &{["CMD" "x"] "30s" "3s" "0s" "0s" '\x00'}} — so that {@code cairn history}
 * reads as {@code docker history} does for the same Dockerfile.
 */
final class HistoryText {

    private HistoryText() {
    }

    /** @param config the image config's {@code config} object after the instruction was applied */
    static String of(Instruction in, Map<String, Object> config) {
        if (in instanceof Env e) {
            return "ENV" + pairs(e.variables());
        } else if (in instanceof Label l) {
            return "LABEL" + pairs(l.labels());
        } else if (in instanceof Cmd) {
            return "CMD " + quotedSlice(strings(config.get("Cmd")));
        } else if (in instanceof Entrypoint) {
            return "ENTRYPOINT " + quotedSlice(strings(config.get("Entrypoint")));
        } else if (in instanceof Shell s) {
            return "SHELL [" + String.join(" ", s.argv().stream().map(Word::text).toList()) + "]";
        } else if (in instanceof Volume v) {
            return "VOLUME [" + String.join(" ", v.paths().stream().map(Word::text).toList()) + "]";
        } else if (in instanceof Expose x) {
            TreeSet<String> ports = new TreeSet<>(ConfigEditor.exposed(x)); // Go prints a map's keys sorted
            StringBuilder b = new StringBuilder("EXPOSE map[");
            String sep = "";
            for (String p : ports) {
                b.append(sep).append(p).append(":{}");
                sep = " ";
            }
            return b.append(']').toString();
        } else if (in instanceof Healthcheck) {
            return "HEALTHCHECK " + health(config.get("Healthcheck"));
        } else if (in instanceof StopSignal s) {
            return "STOPSIGNAL " + s.signal().text();
        } else if (in instanceof User u) {
            return "USER " + u.user().text();
        } else if (in instanceof Maintainer m) {
            return "MAINTAINER " + m.name().text();
        } else if (in instanceof Onbuild o) {
            return "ONBUILD " + o.expression();
        }
        return in.node().original();
    }

    private static String pairs(List<KeyValue> kvs) {
        StringBuilder b = new StringBuilder();
        kvs.forEach(kv -> b.append(' ').append(kv.key().text()).append('=').append(kv.value().text()));
        return b.toString();
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Go's {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
    static String quotedSlice(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : " ").append(goQuote(items.get(i)));
        }
        return b.append(']').toString();
    }

    /** Go's {@code strconv.Quote}: printable characters as they are, the rest escaped. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        b.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** Go's {@code %q} of BuildKit's {@code *HealthConfig}: {@code &{[test] "interval" … 'retries'}}. */
    private static String health(Object value) {
        Map<?, ?> h = value instanceof Map<?, ?> m ? m : Map.of();
        StringBuilder b = new StringBuilder("&{").append(quotedSlice(strings(h.get("Test"))));
        for (String field : List.of("Interval", "Timeout", "StartPeriod", "StartInterval")) {
            long ns = h.get(field) instanceof Number n ? n.longValue() : 0;
            b.append(" \"").append(goDuration(ns)).append('"');
        }
        int retries = h.get("Retries") instanceof Number n ? n.intValue() : 0;
        return b.append(' ').append(goRune(retries)).append('}').toString();
    }

    /** Go's {@code time.Duration.String}: 0s, 500ms, 1.5s, 1m30s, 1h0m0s. */
    static String goDuration(long ns) {
        if (ns == 0) {
            return "0s";
        }
        String sign = ns < 0 ? "-" : "";
        long u = Math.abs(ns);
        if (u < 1_000L) {
            return sign + u + "ns";
        }
        if (u < 1_000_000L) {
            return sign + decimal(u, 1_000L) + "\u00b5s";
        }
        if (u < 1_000_000_000L) {
            return sign + decimal(u, 1_000_000L) + "ms";
        }
        long hours = u / 3_600_000_000_000L;
        long minutes = u / 60_000_000_000L % 60;
        long rest = u % 60_000_000_000L;
        StringBuilder b = new StringBuilder(sign);
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(decimal(rest, 1_000_000_000L)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
        return whole + "." + digits.replaceAll("0+$", "");
    }

    /** Go's {@code %q} of an int: a quoted character. */
    static String goRune(int c) {
        return switch (c) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            case 7 -> "'\\a'";
            case '\b' -> "'\\b'";
            case '\f' -> "'\\f'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            case 11 -> "'\\v'";
            default -> c < 0x20 || c == 0x7f ? String.format("'\\x%02x'", c)
                    : c < 0x80 ? "'" + (char) c + "'" : "'" + new String(Character.toChars(c)) + "'";
        };
    }
}
