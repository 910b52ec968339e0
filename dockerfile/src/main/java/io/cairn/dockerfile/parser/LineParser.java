package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.shell.ExpansionException;
import io.cairn.dockerfile.shell.ShellLex;
import io.cairn.dockerfile.shell.VariableLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one logical line into an {@link InstructionNode}: keyword, flags, then the arguments
 * split the way Docker splits them for that keyword (its "dispatch table"). Heredoc markers are
 * found here; their bodies are read by {@link DockerfileParser}, which owns the following lines.
 */
final class LineParser {

    /** A heredoc marker found on the line, waiting for its body. */
    record Marker(String marker, String name, int fd, boolean expand, boolean chomp, Position position) {
    }

    /** The node and the heredoc markers that the caller must read bodies for. */
    record Result(InstructionNode node, List<Marker> markers) {
    }

    // as BuildKit's reHeredoc: blanks between << (or <<-) and the word belong to the marker
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)[ \\t\\n\\f\\r]*([^<]*)$");
    private static final ShellLex HEREDOC_LEX = new ShellLex('\\').withSkipUnset(true);
    private static final ShellLex HEREDOC_LEX_RAW = HEREDOC_LEX.withRawQuotes(true);

    private final LogicalLine line;
    private final String text;
    private final char escape;

    LineParser(LogicalLine line, char escape) {
        this.line = line;
        this.text = line.text();
        this.escape = escape;
    }

    Result parse(List<String> comments) throws ParseError {
        List<Marker> markers = new ArrayList<>();
        InstructionNode node = node(0, comments, markers, false);
        return new Result(node, markers);
    }

    private InstructionNode node(int from, List<String> comments, List<Marker> markers, boolean trigger)
            throws ParseError {
        int start = skipSpace(from);
        int end = start;
        while (end < text.length() && !isSpace(text.charAt(end))) {
            end++;
        }
        String keyword = text.substring(start, end);
        String command = Keywords.command(keyword);
        if (!Keywords.ALL.contains(command)) {
            String suggestion = Keywords.suggest(keyword);
            throw new ParseError("unknown instruction: " + keyword
                    + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"), start);
        }
        List<Flag> flags = new ArrayList<>();
        int restStart = flags(end, flags);
        int restEnd = text.length();
        while (restEnd > restStart && isSpace(text.charAt(restEnd - 1))) {
            restEnd--;
        }
        String rest = text.substring(restStart, restEnd);
        Args args = switch (command) {
            case "add", "copy", "volume" -> maybeJsonToList(rest, restStart);
            case "arg" -> nameOrNameValue(rest, restStart);
            case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest, restStart);
            case "env", "label" -> nameValue(rest, restStart, command);
            case "expose", "from" -> whitespaceWords(rest, restStart);
            case "healthcheck" -> health(rest, restStart);
            case "onbuild" -> subCommand(rest, restStart, start, markers, trigger);
            default -> rest.isEmpty() ? new Args.None() : new Args.Text(word(rest, restStart)); // maintainer, stopsignal, user, workdir
        };
        if (Keywords.HEREDOC.contains(command) && !(args instanceof Args.Json) && rest.contains("<<")) {
            heredocMarkers(rest, restStart, markers);
        }
        String original = trigger ? text.substring(start).strip() : text;
        return new InstructionNode(keyword, line.at(start), line.lastLine(), original, flags, args, List.of(), comments);
    }

    /** Reads {@code --name[=value]} words; returns the offset where the arguments start. */
    private int flags(int from, List<Flag> out) {
        int pos = skipSpace(from);
        while (pos + 1 < text.length() && text.charAt(pos) == '-' && text.charAt(pos + 1) == '-') {
            int start = pos;
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (quote == 0 && isSpace(c)) {
                    break;
                }
                pos++;
                if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == '\\' && pos < text.length()) {
                    word.append(text.charAt(pos++));
                } else if (c != '\\') {
                    word.append(c);
                }
            }
            String w = word.toString();
            if (w.equals("--")) {
                return skipSpace(pos); // "--" ends the flags
            }
            int eq = w.indexOf('=');
            String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(w.substring(eq + 1));
            out.add(new Flag(name, value, line.at(start)));
            pos = skipSpace(pos);
        }
        return pos;
    }

    private Args maybeJson(String rest, int offset) throws ParseError {
        if (rest.isEmpty()) {
            return new Args.None();
        }
        Args json = json(rest, offset);
        return json != null ? json : new Args.Text(word(rest, offset));
    }

    private Args maybeJsonToList(String rest, int offset) throws ParseError {
        if (rest.isEmpty()) {
            return new Args.None();
        }
        Args json = json(rest, offset);
        return json != null ? json : whitespaceWords(rest, offset);
    }

    private Args json(String rest, int offset) throws ParseError {
        try {
            List<Json.Element> elements = Json.parseStringArray(rest, 0);
            if (elements == null) {
                return null;
            }
            List<Word> words = new ArrayList<>(elements.size());
            for (Json.Element e : elements) {
                words.add(new Word(e.value(), line.at(offset + e.offset())));
            }
            return new Args.Json(words, line.at(offset));
        } catch (Json.NotStringArray e) {
            throw new ParseError(e.getMessage(), offset);
        }
    }

    /** Docker's whitespace split: quotes are not special here. */
    private Args whitespaceWords(String rest, int offset) {
        if (rest.isEmpty()) {
            return new Args.None();
        }
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && isSpace(rest.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < rest.length() && !isSpace(rest.charAt(i))) {
                i++;
            }
            if (i > s) {
                words.add(new Word(rest.substring(s, i), line.at(offset + s)));
            }
        }
        return new Args.Words(words);
    }

    /** ENV and LABEL: {@code k=v ...}, or the legacy {@code k v} with the rest as the value. */
    private Args nameValue(String rest, int offset, String command) throws ParseError {
        List<int[]> spans = quotedWords(rest);
        if (spans.isEmpty()) {
            return new Args.None();
        }
        String first = rest.substring(spans.get(0)[0], spans.get(0)[1]);
        if (first.indexOf('=') < 0) {
            int k = 0;
            while (k < rest.length() && !isSpace(rest.charAt(k))) {
                k++;
            }
            int v = k;
            while (v < rest.length() && isSpace(rest.charAt(v))) {
                v++;
            }
            if (v >= rest.length()) {
                throw new ParseError(command.toUpperCase(java.util.Locale.ROOT) + " must have two arguments", offset);
            }
            Args.Pair pair = new Args.Pair(word(rest.substring(0, k), offset),
                    Optional.of(word(rest.substring(v), offset + v)));
            return new Args.Pairs(List.of(pair), true);
        }
        List<Args.Pair> pairs = new ArrayList<>();
        for (int[] span : spans) {
            String w = rest.substring(span[0], span[1]);
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new ParseError("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value",
                        offset + span[0]);
            }
            pairs.add(new Args.Pair(word(w.substring(0, eq), offset + span[0]),
                    Optional.of(word(w.substring(eq + 1), offset + span[0] + eq + 1))));
        }
        return new Args.Pairs(pairs, false);
    }

    /** ARG: {@code name} or {@code name=default}, several per line. */
    private Args nameOrNameValue(String rest, int offset) {
        List<int[]> spans = quotedWords(rest);
        if (spans.isEmpty()) {
            return new Args.None();
        }
        List<Args.Pair> pairs = new ArrayList<>();
        for (int[] span : spans) {
            String w = rest.substring(span[0], span[1]);
            int eq = w.indexOf('=');
            if (eq < 0) {
                pairs.add(new Args.Pair(word(w, offset + span[0]), Optional.empty()));
            } else {
                pairs.add(new Args.Pair(word(w.substring(0, eq), offset + span[0]),
                        Optional.of(word(w.substring(eq + 1), offset + span[0] + eq + 1))));
            }
        }
        return new Args.Pairs(pairs, false);
    }

    private Args health(String rest, int offset) throws ParseError {
        if (rest.isEmpty()) {
            return new Args.None();
        }
        int sep = 0;
        while (sep < rest.length() && !isSpace(rest.charAt(sep))) {
            sep++;
        }
        int next = sep;
        while (next < rest.length() && isSpace(rest.charAt(next))) {
            next++;
        }
        return new Args.Health(word(rest.substring(0, sep), offset), maybeJson(rest.substring(next), offset + next));
    }

    private Args subCommand(String rest, int offset, int keywordStart, List<Marker> markers, boolean trigger)
            throws ParseError {
        if (rest.isEmpty()) {
            return new Args.None();
        }
        if (trigger) {
            // ONBUILD ONBUILD: rejected here so that a long chain cannot recurse deeply
            throw new ParseError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", keywordStart);
        }
        return new Args.Sub(node(offset, List.of(), markers, true));
    }

    /**
     * Words split on unquoted whitespace, quotes and escapes kept (Docker's parseWords); returns
     * [start, end) spans into {@code rest}.
     */
    private List<int[]> quotedWords(String rest) {
        return quotedWords(rest, false);
    }

    /**
     * As {@link #quotedWords(String)}; with {@code heredocs}, an unquoted {@code <<} keeps the
     * blanks after it in its word, as BuildKit's lexer does, so that {@code << EOF} is one marker.
     */
    private List<int[]> quotedWords(String rest, boolean heredocs) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        int n = rest.length();
        while (i < n) {
            while (i < n && isSpace(rest.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int s = i;
            char quote = 0;
            while (i < n) {
                char c = rest.charAt(i);
                if (quote == 0 && isSpace(c)) {
                    break;
                }
                if (c == escape && quote != '\'' && i + 1 < n) {
                    i += 2;
                    continue;
                }
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (heredocs && quote == 0 && c == '<' && i + 1 < n && rest.charAt(i + 1) == '<') {
                    i += 2;
                    while (i < n && isSpace(rest.charAt(i))) {
                        i++;
                    }
                    continue;
                }
                i++;
            }
            spans.add(new int[] {s, i});
        }
        return spans;
    }

    private void heredocMarkers(String rest, int offset, List<Marker> markers) throws ParseError {
        for (int[] span : quotedWords(rest, true)) {
            String w = rest.substring(span[0], span[1]);
            Matcher m = HEREDOC.matcher(w);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            String body = m.group(3);
            List<String> words;
            List<String> raw;
            try {
                words = HEREDOC_LEX.processWords(body, VariableLookup.EMPTY);
                raw = HEREDOC_LEX_RAW.processWords(body, VariableLookup.EMPTY);
            } catch (ExpansionException e) {
                throw new ParseError("invalid heredoc marker " + w + ": " + e.getMessage(), offset + span[0]);
            }
            if (words.size() != 1 || raw.size() != 1) {
                continue;
            }
            String name = words.get(0);
            boolean expand = quotes(name) == quotes(raw.get(0));
            int fd = 0;
            if (!m.group(1).isEmpty()) {
                try {
                    fd = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    throw new ParseError("invalid file descriptor in heredoc marker " + w, offset + span[0]);
                }
            }
            markers.add(new Marker(w, name, fd, expand, m.group(2).equals("-"), line.at(offset + span[0])));
        }
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                n++;
            }
        }
        return n;
    }

    private Word word(String s, int offset) {
        return new Word(s, line.at(offset));
    }

    private int skipSpace(int pos) {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\n'
                || (c > 127 && Character.isWhitespace(c));
    }
}
