package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.DockerfileException;
import io.cairn.dockerfile.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text into a {@link DockerfileAst}, the way Docker's builder reads it:
 *
 * <ul>
 *   <li>parser directives ({@code escape}, {@code syntax}, {@code check}) only before the first
 *       comment, blank line or instruction; each at most once;</li>
 *   <li>comment lines ({@code #} first after optional whitespace) are dropped, also inside
 *       continuations; blank lines inside continuations are dropped with a warning;</li>
 *   <li>a line ending in the escape character (then optional blanks) continues on the next;</li>
 *   <li>after a RUN, COPY or ADD (also as an ONBUILD trigger) in shell form, the bodies of its
 *       heredocs follow, in marker order.</li>
 * </ul>
 *
 * <p>A line that cannot be parsed yields an error diagnostic and parsing resumes at the next
 * line, so one pass reports every syntax error. Thread-safe (stateless).
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Set<String> DIRECTIVES = Set.of("escape", "syntax", "check");

    private DockerfileParser() {
    }

    /** Parses {@code text}; never throws for bad input (see {@link DockerfileAst#diagnostics()}). */
    public static DockerfileAst parse(String text) {
        return new Run(text).parse();
    }

    /**
     * Parses {@code text} and fails on the first syntax error.
     *
     * @param file the Dockerfile's name, for the message
     * @throws DockerfileException listing every error when the text has any
     */
    public static DockerfileAst parseStrict(String file, String text) {
        DockerfileAst ast = parse(text);
        List<Diagnostic> errors = ast.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new DockerfileException(file, errors);
        }
        return ast;
    }

    /** State of one parse. */
    private static final class Run {
        private final String[] lines;
        private final String[] ends;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<InstructionNode> nodes = new ArrayList<>();
        private final List<Directive> directives = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private char escape = Directives.DEFAULT_ESCAPE;
        private boolean directivesDone;
        private int next; // index of the next unread line

        Run(String text) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> ls = new ArrayList<>();
            List<String> es = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int nl = text.indexOf('\n', start);
                int end = nl < 0 ? text.length() : nl;
                int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
                ls.add(text.substring(start, contentEnd));
                es.add(text.substring(contentEnd, nl < 0 ? end : nl + 1));
                start = nl < 0 ? text.length() : nl + 1;
            }
            this.lines = ls.toArray(new String[0]);
            this.ends = es.toArray(new String[0]);
        }

        DockerfileAst parse() {
            List<String> comments = new ArrayList<>();
            while (next < lines.length) {
                int lineNo = next + 1;
                String raw = lines[next++];
                int indent = leadingSpace(raw);
                String trimmed = raw.substring(indent);
                directive(trimmed, lineNo, indent);
                if (trimmed.startsWith("#")) {
                    comments.add(trimmed.substring(1).strip());
                    continue;
                }
                if (trimmed.isEmpty()) {
                    comments.clear();
                    continue;
                }
                LogicalLine logical = new LogicalLine();
                boolean more = continuation(trimmed, logical, lineNo, indent + 1);
                while (more && next < lines.length) {
                    int no = next + 1;
                    String cont = lines[next++];
                    String contTrimmed = cont.substring(leadingSpace(cont));
                    if (contTrimmed.startsWith("#")) {
                        continue;
                    }
                    if (contTrimmed.isEmpty()) {
                        diagnostics.add(Diagnostic.warning(new Position(no, 1),
                                "empty continuation line (empty continuation lines will become errors in a future release)"));
                        continue;
                    }
                    more = continuation(cont, logical, no, 1);
                }
                if (!logical.text().isBlank()) { // only continuation characters: nothing to parse
                    instruction(logical, List.copyOf(comments));
                }
                comments.clear();
            }
            if (nodes.isEmpty() && diagnostics.stream().noneMatch(Diagnostic::isError)) {
                diagnostics.add(Diagnostic.error(new Position(Math.max(1, lines.length), 1), "file with no instructions"));
            }
            diagnostics.sort(null);
            return new DockerfileAst(new Directives(escape, directives), nodes, diagnostics);
        }

        /** Appends {@code part} (without a trailing continuation) and says whether one was there. */
        private boolean continuation(String part, LogicalLine logical, int lineNo, int column) {
            int end = part.length();
            while (end > 0 && (part.charAt(end - 1) == ' ' || part.charAt(end - 1) == '\t')) {
                end--;
            }
            boolean continues = end > 0 && part.charAt(end - 1) == escape
                    && (end == 1 || part.charAt(end - 2) != escape);
            logical.append(continues ? part.substring(0, end - 1) : part, lineNo, column);
            return continues;
        }

        private void instruction(LogicalLine logical, List<String> comments) {
            LineParser.Result result;
            try {
                result = new LineParser(logical, escape).parse(comments);
            } catch (ParseError e) {
                diagnostics.add(Diagnostic.error(logical.at(e.offset()), e.getMessage()));
                return;
            }
            InstructionNode node = result.node();
            if (result.markers().isEmpty()) {
                nodes.add(node);
                return;
            }
            List<Heredoc> heredocs = new ArrayList<>();
            for (LineParser.Marker m : result.markers()) {
                int first = next + 1;
                StringBuilder body = new StringBuilder();
                boolean terminated = false;
                while (next < lines.length) {
                    String l = lines[next];
                    String e = ends[next];
                    next++;
                    String candidate = m.chomp() ? stripTabs(l) : l;
                    if (candidate.equals(m.name())) {
                        terminated = true;
                        break;
                    }
                    body.append(candidate).append(e);
                }
                if (!terminated) {
                    diagnostics.add(Diagnostic.error(m.position(), "unterminated heredoc " + m.marker()
                            + ": no line " + m.name() + " before the end of the file"));
                    return;
                }
                heredocs.add(new Heredoc(m.marker(), m.name(), m.fd(), m.expand(), m.chomp(), body.toString(),
                        m.position(), first));
            }
            nodes.add(attach(node, heredocs, next));
        }

        /** Heredocs belong to the instruction that reads them: the trigger of an ONBUILD. */
        private static InstructionNode attach(InstructionNode node, List<Heredoc> heredocs, int endLine) {
            if (node.args() instanceof Args.Sub sub) {
                InstructionNode trigger = sub.trigger().withEnd(endLine, heredocs);
                return new InstructionNode(node.keyword(), node.position(), endLine, node.original(), node.flags(),
                        new Args.Sub(trigger), List.of(), node.comments());
            }
            return node.withEnd(endLine, heredocs);
        }

        private void directive(String trimmed, int lineNo, int indent) {
            if (directivesDone) {
                return;
            }
            Matcher m = DIRECTIVE.matcher(trimmed);
            if (!m.matches()) {
                directivesDone = true;
                return;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!DIRECTIVES.contains(name)) {
                directivesDone = true;
                return;
            }
            Position at = new Position(lineNo, indent + 1);
            if (!seen.add(name)) {
                diagnostics.add(Diagnostic.error(at, "only one " + name + " parser directive can be used"));
                return;
            }
            String value = m.group(2);
            if (name.equals("escape")) {
                if (!value.equals("`") && !value.equals("\\")) {
                    diagnostics.add(Diagnostic.error(at, "invalid escape token '" + value + "' does not match ` or \\"));
                    return;
                }
                escape = value.charAt(0);
            }
            directives.add(new Directive(name, value, at));
        }

        private static int leadingSpace(String s) {
            int i = 0;
            while (i < s.length() && LineParser.isSpace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static String stripTabs(String s) {
            int i = 0;
            while (i < s.length() && s.charAt(i) == '\t') {
                i++;
            }
            return s.substring(i);
        }
    }
}
