package io.cairn.cli;

import io.cairn.cli.command.ClientCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code io.cairn.cli.launch.CommandTableText}, the table in {@code CommandTable}'s format, from the
 * model picocli builds of {@code cairn} with every command registered, as {@link Main} configures
 * it. A command gets a row only if {@code QuickStart} can run it: a {@link ClientCommand} whose
 * classes carry no picocli annotation but options, parameters, mixins and {@code ClientCommand}'s
 * own spec. {@code CommandTableTest} fails when the committed table differs from this one.
 */
final class CommandTableWriter {

    private CommandTableWriter() {
    }

    /** Regenerates the committed table: run from the cli module's directory. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.writeString(Path.of(args.length > 0 ? args[0] : CommandTableTest.COMMITTED), source());
    }

    /** The source of {@code CommandTableText}: the table as one string constant. */
    static String source() {
        String table = table();
        if (table.length() > 60_000) { // a class file's constant holds at most 65,535 bytes
            throw new IllegalStateException("the command table outgrew one string constant: split CommandTableText");
        }
        StringBuilder java = new StringBuilder();
        java.append("package io.cairn.cli.launch;\n\n")
                .append("/** Written by CommandTableWriter (cli tests) from picocli's model; CommandTableTest checks it. */\n")
                .append("final class CommandTableText {\n\n")
                .append("    /** The table, in {@link CommandTable}'s format. */\n")
                .append("    static final String TEXT = \"\"");
        for (String line : table.split("\n")) {
            java.append("\n            + \"");
            for (char c : (line + "\n").toCharArray()) {
                switch (c) {
                    case '\t' -> java.append("\\t");
                    case '\n' -> java.append("\\n");
                    case '"' -> java.append("\\\"");
                    case '\\' -> java.append("\\\\");
                    default -> java.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            java.append('"');
        }
        java.append(";\n\n    private CommandTableText() {\n    }\n}\n");
        return java.toString();
    }

    static String table() {
        StringWriter sink = new StringWriter();
        CommandLine cli = Main.commandLine(CairnCommand.commands(), new PrintWriter(sink), new PrintWriter(sink));
        StringBuilder out = new StringBuilder();
        command(out, "", cli.getCommandSpec());
        walk(out, "", cli);
        return out.toString();
    }

    private static void walk(StringBuilder out, String prefix, CommandLine parent) {
        for (Map.Entry<String, CommandLine> sub : parent.getSubcommands().entrySet()) {
            String path = prefix.isEmpty() ? sub.getKey() : prefix + " " + sub.getKey();
            if (!sub.getValue().getSubcommands().isEmpty()) {
                walk(out, path, sub.getValue());
            } else if (sub.getValue().getCommandSpec().userObject() instanceof ClientCommand) {
                command(out, path, sub.getValue().getCommandSpec());
            }
        }
    }

    /** Appends the command's rows, or nothing when its classes use picocli beyond options, parameters and mixins. */
    private static void command(StringBuilder out, String path, CommandSpec spec) {
        Map<Field, String> fields = new HashMap<>();
        List<String> mixins = new ArrayList<>();
        if (!fields(spec.userObject().getClass(), "", fields, mixins)) {
            return;
        }
        out.append("command\t").append(path).append('\t').append(spec.userObject().getClass().getName()).append('\t')
                .append(spec.parser().stopAtPositional() ? 1 : 0).append('\n');
        for (String mixin : mixins) {
            out.append("mixin\t").append(mixin).append('\n');
        }
        for (OptionSpec o : spec.options()) {
            if (o.inherited()) {
                continue; // the root's row answers for it
            }
            out.append("option\t").append(String.join(",", o.names())).append('\t');
            rest(out, o, fields, o.arity().min() == 0 && o.arity().max() == 0 && o.negatable() == false);
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            out.append("param\t").append(p.index().min()).append('\t').append(bound(p.index().max())).append('\t')
                    .append(p.arity().min()).append('\t').append(bound(p.arity().max())).append('\t');
            rest(out, p, fields, false);
        }
    }

    /** FIELD KIND TYPE DEFAULT of an option or parameter. */
    private static void rest(StringBuilder out, ArgSpec a, Map<Field, String> fields, boolean flag) {
        String field = a.userObject() instanceof Field f ? fields.get(f) : null;
        boolean multi = a.isMultiValue();
        String type = type(multi ? (a.type() == List.class ? a.auxiliaryTypes()[0] : Object.class) : a.type());
        boolean single = a.arity().min() == 1 && a.arity().max() == 1;
        boolean plain = field != null && !type.equals("other") && a.splitRegex().isEmpty()
                && (a.converters() == null || a.converters().length == 0)
                && !(a instanceof OptionSpec o && (o.negatable() || o.interactive()));
        String kind;
        if (a instanceof PositionalParamSpec) {
            kind = !plain ? "slow" : multi ? "list" : "value";
        } else if (!plain) {
            kind = "slow";
        } else if (flag) {
            kind = type.equals("boolean") && !multi ? "flag" : "slow";
        } else if (single) {
            kind = multi ? "list" : "value";
        } else {
            kind = "slow";
        }
        String dflt = a.defaultValue();
        if (dflt != null && (dflt.contains("\t") || dflt.contains("\n") || rawDefault(a).contains("${"))) {
            // a default that cannot be recorded, or one picocli interpolates at each start (the
            // environment, a property): QuickStart leaves the command to picocli
            kind = "slow";
            type = "other";
            dflt = "";
        }
        out.append(field == null ? "-" : field).append('\t').append(kind).append('\t').append(type).append('\t')
                .append(dflt == null ? "" : "=" + dflt).append('\n');
    }

    /** The default as the annotation writes it, before picocli interpolates it. */
    private static String rawDefault(ArgSpec a) {
        if (a.userObject() instanceof Field f) {
            CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
            CommandLine.Parameters p = f.getAnnotation(CommandLine.Parameters.class);
            return o != null ? o.defaultValue() : p != null ? p.defaultValue() : "";
        }
        return "";
    }

    private static String type(Class<?> t) {
        if (t == String.class) {
            return "string";
        } else if (t == int.class || t == Integer.class) {
            return "int";
        } else if (t == long.class || t == Long.class) {
            return "long";
        } else if (t == boolean.class || t == Boolean.class) {
            return "boolean";
        } else if (t == Path.class) {
            return "path";
        }
        return "other";
    }

    private static String bound(int max) {
        return max == Integer.MAX_VALUE ? "*" : Integer.toString(max);
    }

    /** Maps the option and parameter fields of {@code type} and its mixins to their paths; false if it uses more of picocli. */
    private static boolean fields(Class<?> type, String prefix, Map<Field, String> fields, List<String> mixins) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String path = prefix + f.getName();
                if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                    fields.put(f, path);
                } else if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                    mixins.add(path);
                    if (!fields(f.getType(), path + ".", fields, mixins)) {
                        return false;
                    }
                } else if (picocli(f) && !(c == ClientCommand.class && f.getName().equals("spec"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean picocli(Field f) {
        for (Annotation a : f.getAnnotations()) {
            if (a.annotationType().getName().startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }
}
