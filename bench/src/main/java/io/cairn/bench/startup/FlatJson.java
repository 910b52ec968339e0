package io.cairn.bench.startup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal reader for one JSON object: returns its top-level members whose values are strings,
 * numbers, booleans or null, as text (strings unescaped, numbers and literals verbatim, null as
 * {@code null}); nested objects and arrays are skipped. Enough for {@code cairn info}'s output,
 * loading a handful of JDK classes instead of Jackson's ~300.
 *
 * <p>Malformed input throws {@link IllegalArgumentException} naming the offset.
 */
public final class FlatJson {

    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    /** The scalar top-level members of the object in {@code json}, in document order. */
    public static Map<String, String> read(String json) {
        FlatJson p = new FlatJson(json);
        Map<String, String> out = new LinkedHashMap<>();
        p.ws();
        p.expect('{');
        p.ws();
        if (p.peek() == '}') {
            p.i++;
            return out;
        }
        while (true) {
            p.ws();
            String key = p.string();
            p.ws();
            p.expect(':');
            p.ws();
            char c = p.peek();
            if (c == '{' || c == '[') {
                p.skipNested();
            } else {
                out.put(key, c == '"' ? p.string() : p.literal());
            }
            p.ws();
            char sep = p.next();
            if (sep == '}') {
                return out;
            }
            if (sep != ',') {
                throw p.error("expected ',' or '}'");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private String literal() {
        int start = i;
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        if (start == i) {
            throw error("expected a value");
        }
        return s.substring(start, i);
    }

    private void skipNested() {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            i++;
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        } while (depth > 0);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end of input");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + i + " of a " + s.length() + "-character JSON text");
    }
}
