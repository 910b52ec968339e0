package io.cairn.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Docker's builder word lexer: removes quotes and escapes and substitutes variables.
 *
 * <p>Immutable and thread-safe; the options mirror BuildKit's lexer: {@code rawQuotes} keeps
 * the quote characters in the result, {@code rawEscapes} keeps escape characters, and
 * {@code skipUnset} leaves references to unset variables as written (the parser uses these
 * three to find heredoc markers without losing their quoting).
 *
 * <p>Nested substitutions ({@code ${a:-${b:-c}}}) are limited to {@value #MAX_DEPTH} levels, so
 * that hostile input ends in an error rather than a stack overflow.
 */
public final class ShellLex {

    /** Deepest nesting of {@code ${...}} accepted. */
    public static final int MAX_DEPTH = 64;

    private static final int EOF = -1;

    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipUnset;

    /** A lexer with the given escape character ({@code \} or {@code `}), all options off. */
    public ShellLex(char escape) {
        this(escape, false, false, false);
    }

    private ShellLex(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnset) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipUnset = skipUnset;
    }

    public ShellLex withRawQuotes(boolean on) {
        return new ShellLex(escape, on, rawEscapes, skipUnset);
    }

    public ShellLex withRawEscapes(boolean on) {
        return new ShellLex(escape, rawQuotes, on, skipUnset);
    }

    public ShellLex withSkipUnset(boolean on) {
        return new ShellLex(escape, rawQuotes, rawEscapes, on);
    }

    public char escape() {
        return escape;
    }

    /** Expands {@code word} as one word: whitespace is kept. */
    public String processWord(String word, VariableLookup env) throws ExpansionException {
        return processWord(word, env, null);
    }

    /**
     * Expands {@code word} as one word and adds to {@code unset} (when not null) the name of
     * every variable referenced while not set, which Docker reports as an undefined variable.
     */
    public String processWord(String word, VariableLookup env, Set<String> unset) throws ExpansionException {
        if (word.indexOf('$') < 0 && word.indexOf('\'') < 0 && word.indexOf('"') < 0 && word.indexOf(escape) < 0) {
            return word; // the common case: nothing to do
        }
        Run run = new Run(word, env, unset, false);
        return run.stopOn(EOF, 0);
    }

    /**
     * Expands {@code text} and splits it into words on unquoted whitespace, including whitespace
     * that comes from a variable's value (as the shell does); a quoted empty string is a word.
     */
    public List<String> processWords(String text, VariableLookup env) throws ExpansionException {
        Run run = new Run(text, env, null, true);
        run.stopOn(EOF, 0);
        return run.words.finish();
    }

    /** One pass over one input; holds the cursor. */
    private final class Run {
        private final String in;
        private final VariableLookup env;
        private final Set<String> unset;
        private final Words words;
        private int pos;

        Run(String in, VariableLookup env, Set<String> unset, boolean split) {
            this.in = in;
            this.env = env;
            this.unset = unset;
            this.words = split ? new Words() : null;
        }

        private int peek() {
            return pos < in.length() ? in.charAt(pos) : EOF;
        }

        private int next() {
            return pos < in.length() ? in.charAt(pos++) : EOF;
        }

        /** Processes until {@code stop} (consumed) or the end; only the top level splits words. */
        String stopOn(int stop, int depth) throws ExpansionException {
            if (depth > MAX_DEPTH) {
                throw new ExpansionException("substitution nested more than " + MAX_DEPTH + " levels deep", pos);
            }
            boolean top = depth == 0;
            StringBuilder out = new StringBuilder(in.length() - pos);
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    pos++;
                    return out.toString();
                }
                if (ch == '$') {
                    String v = dollar(depth);
                    out.append(v);
                    if (top && words != null) {
                        words.addSplitting(v);
                    }
                } else if (ch == '\'') {
                    String v = singleQuote();
                    out.append(v);
                    if (top && words != null) {
                        words.addRaw(v);
                    }
                } else if (ch == '"') {
                    String v = doubleQuote(depth);
                    out.append(v);
                    if (top && words != null) {
                        words.addRaw(v);
                    }
                } else {
                    pos++;
                    if (ch == escape) {
                        if (rawEscapes) {
                            out.append((char) ch);
                            if (top && words != null) {
                                words.addRaw(String.valueOf((char) ch));
                            }
                        }
                        ch = next();
                        if (ch == EOF) {
                            break; // a trailing escape is dropped, as Docker does
                        }
                        out.append((char) ch);
                        if (top && words != null) {
                            words.addRaw(String.valueOf((char) ch));
                        }
                    } else {
                        out.append((char) ch);
                        if (top && words != null) {
                            words.addChar((char) ch);
                        }
                    }
                }
            }
            if (stop != EOF) {
                throw new ExpansionException("syntax error: missing '" + (char) stop + "'", pos);
            }
            return out.toString();
        }

        private String singleQuote() throws ExpansionException {
            int start = pos;
            pos++; // opening quote
            int end = in.indexOf('\'', pos);
            if (end < 0) {
                throw new ExpansionException("unexpected end of statement while looking for matching single-quote", start);
            }
            String body = rawQuotes ? in.substring(start, end + 1) : in.substring(pos, end);
            pos = end + 1;
            return body;
        }

        private String doubleQuote(int depth) throws ExpansionException {
            int start = pos;
            StringBuilder out = new StringBuilder();
            pos++;
            if (rawQuotes) {
                out.append('"');
            }
            while (true) {
                int ch = peek();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote", start);
                }
                if (ch == '"') {
                    pos++;
                    if (rawQuotes) {
                        out.append('"');
                    }
                    return out.toString();
                }
                if (ch == '$') {
                    out.append(dollar(depth));
                    continue;
                }
                pos++;
                if (ch == escape) {
                    int n = peek();
                    if (n == EOF) {
                        continue; // ignored at the end; the missing quote is reported next
                    }
                    if (n == '"' || n == '$' || n == escape) {
                        if (rawEscapes) {
                            out.append((char) ch);
                        }
                        out.append((char) next());
                        continue;
                    }
                    // any other escape is kept as written inside double quotes
                }
                out.append((char) ch);
            }
        }

        private String dollar(int depth) throws ExpansionException {
            int start = pos;
            pos++; // $
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = lookup(name);
                if (value == null) {
                    return skipUnset ? "$" + name : "";
                }
                return value;
            }
            pos++; // {
            int first = peek();
            if (first == EOF) {
                throw new ExpansionException("syntax error: missing '}'", pos);
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new ExpansionException("syntax error: bad substitution", start);
            }
            String name = name();
            int op = next();
            switch (op) {
                case EOF:
                    throw new ExpansionException("syntax error: missing '}'", pos);
                case '}': {
                    String value = lookup(name);
                    if (value == null) {
                        return skipUnset ? "${" + name + "}" : "";
                    }
                    return value;
                }
                case ':': {
                    int modifier = next();
                    if (modifier == EOF) {
                        throw new ExpansionException("syntax error: missing '}'", pos);
                    }
                    if (modifier != '-' && modifier != '+' && modifier != '?') {
                        throw new ExpansionException("unsupported modifier (:" + (char) modifier + ") in substitution", start);
                    }
                    String word = stopOn('}', depth + 1);
                    String value = lookup(name);
                    if (value == null && skipUnset) {
                        return "${" + name + ":" + (char) modifier + word + "}";
                    }
                    boolean empty = value == null || value.isEmpty();
                    return switch (modifier) {
                        case '-' -> empty ? word : value;
                        case '+' -> empty ? "" : word;
                        default -> {
                            if (empty) {
                                String why = value == null ? "is not allowed to be unset" : "is not allowed to be empty";
                                throw new ExpansionException(name + ": " + (word.isEmpty() ? why : word), start);
                            }
                            yield value;
                        }
                    };
                }
                case '-':
                case '+':
                case '?': {
                    String word = stopOn('}', depth + 1);
                    String value = lookup(name);
                    if (value == null && skipUnset) {
                        return "${" + name + (char) op + word + "}";
                    }
                    if (op == '-') {
                        return value == null ? word : value;
                    }
                    if (op == '+') {
                        return value == null ? "" : word;
                    }
                    if (value == null) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word), start);
                    }
                    return value;
                }
                case '#':
                case '%': {
                    boolean longest = peek() == op;
                    if (longest) {
                        pos++;
                    }
                    String pattern = stopOn('}', depth + 1);
                    String value = lookup(name);
                    if (value == null && skipUnset) {
                        return "${" + name + (char) op + (longest ? String.valueOf((char) op) : "") + pattern + "}";
                    }
                    return Patterns.trim(value == null ? "" : value, pattern, op == '#', longest, start);
                }
                case '/': {
                    boolean all = peek() == '/';
                    if (all) {
                        pos++;
                    }
                    String pattern = stopOn('/', depth + 1);
                    String replacement = stopOn('}', depth + 1);
                    String value = lookup(name);
                    if (value == null && skipUnset) {
                        return "${" + name + (all ? "//" : "/") + pattern + "/" + replacement + "}";
                    }
                    return Patterns.replace(value == null ? "" : value, pattern, replacement, all, start);
                }
                default:
                    if (name.isEmpty()) {
                        throw new ExpansionException("syntax error: bad substitution", start);
                    }
                    throw new ExpansionException("unsupported modifier (" + (char) op + ") in substitution", start);
            }
        }

        /** A name: letters, digits and _, or a run of digits, or one special parameter. */
        private String name() {
            int start = pos;
            int ch = peek();
            if (ch == EOF) {
                return "";
            }
            if (Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    pos++;
                }
                return in.substring(start, pos);
            }
            if ("@*#?-$!".indexOf(ch) >= 0) {
                pos++;
                return in.substring(start, pos);
            }
            while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
            return in.substring(start, pos);
        }

        private String lookup(String name) {
            String v = env.get(name);
            if (v == null && unset != null) {
                unset.add(name);
            }
            return v;
        }
    }

    /** Splits the output into words on unquoted, unescaped whitespace. */
    private static final class Words {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(char ch) {
            if (Character.isWhitespace(ch)) {
                if (inWord) {
                    done.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }

        void addSplitting(String s) {
            for (int i = 0; i < s.length(); i++) {
                addChar(s.charAt(i));
            }
        }

        void addRaw(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> finish() {
            if (inWord) {
                done.add(word.toString());
            }
            return done;
        }
    }
}
