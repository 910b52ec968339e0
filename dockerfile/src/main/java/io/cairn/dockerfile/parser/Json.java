package io.cairn.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an exec-form argument: a JSON array of strings (RFC 8259), nothing after it but
 * whitespace. Three outcomes, as in Docker: a list of strings; "not a string array" (valid JSON
 * with a non-string element, an error); or "not JSON" (the caller falls back to shell form).
 */
final class Json {

    /** Maximum nesting accepted inside an element before giving up (then: not JSON). */
    private static final int MAX_DEPTH = 32;

    /** A decoded element and the offset of its opening quote. */
    record Element(String value, int offset) {
    }

    /** Thrown for valid JSON that is not an array of strings. */
    static final class NotStringArray extends Exception {
        private static final long serialVersionUID = 1L;

        NotStringArray() {
            super("when using JSON array syntax, arrays must be comprised of strings only", null, false, false);
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int pos;

    private Json(String s, int start) {
        this.s = s;
        this.pos = start;
    }

    /** The elements, or null when {@code s} from {@code start} is not a JSON array. */
    static List<Element> parseStringArray(String s, int start) throws NotStringArray {
        Json p = new Json(s, start);
        try {
            p.ws();
            if (p.peek() != '[') {
                return null;
            }
            p.pos++;
            List<Element> out = new ArrayList<>();
            boolean notString = false;
            p.ws();
            if (p.peek() == ']') {
                p.pos++;
            } else {
                while (true) {
                    p.ws();
                    int at = p.pos;
                    if (p.peek() == '"') {
                        out.add(new Element(p.string(), at));
                    } else {
                        p.value(0);
                        notString = true;
                    }
                    p.ws();
                    int c = p.next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw new Malformed();
                    }
                }
            }
            p.ws();
            if (p.pos != s.length()) {
                return null; // trailing text: not exec form
            }
            if (notString) {
                throw new NotStringArray();
            }
            return out;
        } catch (Malformed e) {
            return null;
        }
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private int next() {
        return pos < s.length() ? s.charAt(pos++) : -1;
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed();
        }
        ws();
        int c = peek();
        if (c == '"') {
            string();
        } else if (c == '[' || c == '{') {
            char close = c == '[' ? ']' : '}';
            pos++;
            ws();
            if (peek() == close) {
                pos++;
                return;
            }
            while (true) {
                if (close == '}') {
                    ws();
                    if (peek() != '"') {
                        throw new Malformed();
                    }
                    string();
                    ws();
                    if (next() != ':') {
                        throw new Malformed();
                    }
                }
                value(depth + 1);
                ws();
                int n = next();
                if (n == close) {
                    return;
                }
                if (n != ',') {
                    throw new Malformed();
                }
            }
        } else if (s.startsWith("true", pos)) {
            pos += 4;
        } else if (s.startsWith("false", pos)) {
            pos += 5;
        } else if (s.startsWith("null", pos)) {
            pos += 4;
        } else {
            number();
        }
    }

    private void number() throws Malformed {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw new Malformed();
        }
        if (peek() == '.') {
            pos++;
            if (digits() == 0) {
                throw new Malformed();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw new Malformed();
            }
        }
        if (pos == start) {
            throw new Malformed();
        }
    }

    private int digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private String string() throws Malformed {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = next();
            if (c == -1 || c < 0x20) {
                throw new Malformed();
            }
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append((char) c);
                continue;
            }
            int e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append((char) e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw new Malformed();
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos++), 16);
                        if (d < 0) {
                            throw new Malformed();
                        }
                        v = v * 16 + d;
                    }
                    out.append((char) v);
                }
                default -> throw new Malformed();
            }
        }
    }
}
