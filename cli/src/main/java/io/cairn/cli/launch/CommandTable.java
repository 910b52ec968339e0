package io.cairn.cli.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The recorded options and parameters of the commands {@link QuickStart} may run: the text of
 * {@link CommandTableText} (a class constant rather than a resource: reading a resource from the jar
 * opens it a second time through a {@code JarURLConnection}). One tab-separated row a line:
 * <pre>
 * command PATH CLASS STOP             PATH: the words naming it ("" for cairn itself, "container run");
 *                                     STOP: 1 when everything after its first positional is positional
 * mixin FIELD                         a {@code @Mixin} field (a dotted path from the command), made first
 * option NAMES FIELD KIND TYPE DEFAULT NAMES comma-separated
 * param FROM TO MIN MAX FIELD KIND TYPE DEFAULT   index range, arity of one match; TO and MAX may be *
 * </pre>
 * KIND is {@code flag} (no value), {@code value} (one value, once), {@code list} (one value an
 * occurrence) or {@code slow} (only picocli parses it); TYPE is {@code string}, {@code int},
 * {@code long}, {@code path} or {@code boolean}; DEFAULT is empty for none, else {@code =} and the
 * value picocli gives the field when the option is not given. Lines starting with {@code #} are comments.
 */
public final class CommandTable {

    /** One option or positional parameter: {@code from}..{@code to} and {@code min}..{@code max} for parameters (-1: unbounded). */
    public record Arg(List<String> names, int from, int to, int min, int max, String field, String kind, String type,
                      String defaultValue) {
    }

    /** One command: its class, whether it stops at its first positional, its mixins, options and parameters in table order. */
    public record Entry(String path, String className, boolean stopAtPositional, List<String> mixins, List<Arg> options,
                        List<Arg> params) {
    }

    private final String text;

    private CommandTable(String text) {
        this.text = text;
    }

    /** The table of this build. */
    public static CommandTable load() {
        return new CommandTable(CommandTableText.TEXT);
    }

    /** A table of {@code text} (tests). */
    public static CommandTable of(String text) {
        return new CommandTable(text);
    }

    /** The command recorded under {@code path}, or null. */
    public Entry entry(String path) {
        String head = "command\t" + path + "\t";
        int at = text.startsWith(head) ? 0 : text.indexOf("\n" + head);
        if (at < 0) {
            return null;
        }
        int start = text.indexOf('\n', at + 1) + 1; // the rows after the command line
        String[] command = fields(line(at == 0 ? 0 : at + 1));
        List<String> mixins = new ArrayList<>();
        List<Arg> options = new ArrayList<>();
        List<Arg> params = new ArrayList<>();
        for (int pos = start; pos > 0 && pos < text.length() && !text.startsWith("command\t", pos);
                pos = text.indexOf('\n', pos) + 1) {
            String[] f = fields(line(pos));
            switch (f[0]) {
                case "mixin" -> mixins.add(f[1]);
                case "option" -> options.add(new Arg(List.of(f[1].split(",")), 0, 0, 0, 0, f[2], f[3], f[4], value(f[5])));
                case "param" -> params.add(new Arg(List.of(), bound(f[1]), bound(f[2]), bound(f[3]), bound(f[4]), f[5], f[6],
                        f[7], value(f[8])));
                default -> { } // a comment
            }
        }
        return new Entry(path, command[2], command[3].equals("1"), mixins, options, params);
    }

    /** True when some recorded command's path starts with the words {@code prefix} (followed by more). */
    public boolean isGroup(String prefix) {
        return text.startsWith("command\t" + prefix + " ") || text.contains("\ncommand\t" + prefix + " ");
    }

    private String line(int pos) {
        int end = text.indexOf('\n', pos);
        return end < 0 ? text.substring(pos) : text.substring(pos, end);
    }

    private static String[] fields(String line) {
        return line.split("\t", -1);
    }

    private static String value(String field) {
        return field.isEmpty() ? null : field.substring(1);
    }

    private static int bound(String field) {
        return field.equals("*") ? -1 : Integer.parseInt(field);
    }
}
