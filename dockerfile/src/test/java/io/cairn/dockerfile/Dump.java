package io.cairn.dockerfile;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A stable, reviewable text form of AST nodes and instruction records for golden files:
 * records as {@code Name(component=value, ...)} (the {@code node} back-reference left out),
 * words as {@code "text"@LINE:COL}, strings quoted with escapes, empty optionals as {@code -}.
 */
public final class Dump {

    private Dump() {
    }

    public static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Word w) {
            return quote(w.text()) + "@" + w.position();
        }
        if (v instanceof Position p) {
            return p.toString();
        }
        if (v instanceof Optional<?> o) {
            return o.map(Dump::value).orElse("-");
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Dump::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> value(e.getKey()) + "=" + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Character c) {
            return quote(String.valueOf(c));
        }
        if (v instanceof Record r) {
            StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                if (rc.getName().equals("node") && r.getClass().getPackageName().endsWith("instructions")) {
                    continue;
                }
                if (!first) {
                    b.append(", ");
                }
                first = false;
                try {
                    b.append(rc.getName()).append('=').append(value(rc.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return b.append(')').toString();
        }
        return String.valueOf(v);
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
