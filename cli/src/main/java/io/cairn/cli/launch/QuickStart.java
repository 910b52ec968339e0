package io.cairn.cli.launch;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.GlobalOptions;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Parses a command line from the {@link CommandTable} into a ready {@link ClientCommand}, setting its
 * fields as picocli would, or answers null and leaves the line to picocli. It takes only what it can
 * parse exactly as picocli does: the command's words; {@code --name value}, {@code --name=value} and
 * {@code -n value}; flags, short ones also run together ({@code -it}); positionals; the root's
 * options ({@code --root}, {@code --debug}) anywhere before the positionals; values of the recorded
 * types. Everything else goes to picocli: help and version, an unknown option, one given twice (but
 * a list's), a value that starts with {@code -}, short options run together with one that takes a
 * value, {@code --}, a missing or surplus parameter, a value that does not convert, and any option
 * or parameter recorded as {@code slow}.
 */
public final class QuickStart {

    /** A parsed command line: the root's options and the command to run. */
    public record Parsed(GlobalOptions globals, ClientCommand command) {
    }

    /** Thrown inside the parse when the line is for picocli; never escapes. */
    private static final class Slow extends Exception {
        Slow() {
            super(null, null, false, false);
        }
    }

    private QuickStart() {
    }

    /** {@code args} parsed from this build's table, or null when picocli must parse them. */
    public static Parsed parse(String[] args) {
        return parse(args, CommandTable.load());
    }

    /** {@code args} parsed from {@code table}, or null when picocli must parse them. */
    public static Parsed parse(String[] args, CommandTable table) {
        try {
            return new QuickStart.Parse(args, table).run();
        } catch (Slow slow) {
            return null;
        }
    }

    private static final class Parse {
        private final String[] args;
        private final CommandTable table;
        // by identity: a record's hashCode is bootstrapped through invokedynamic, which costs start-up time
        private final Set<CommandTable.Arg> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private CommandTable.Entry rootEntry;
        private Object root;
        private int i;

        Parse(String[] args, CommandTable table) {
            this.args = args;
            this.table = table;
        }

        Parsed run() throws Slow {
            rootEntry = table.entry("");
            if (rootEntry == null) {
                throw new Slow();
            }
            root = create(rootEntry);
            // the command's words, with the root's options among them
            String path = null;
            CommandTable.Entry entry = null;
            while (entry == null) {
                if (i >= args.length) {
                    throw new Slow(); // no command, or a group without its subcommand: picocli's usage
                }
                String word = args[i];
                if (word.startsWith("-")) {
                    option(null, word);
                    continue;
                }
                i++;
                path = path == null ? word : path + " " + word;
                entry = table.entry(path);
                if (entry == null && !table.isGroup(path)) {
                    throw new Slow();
                }
            }
            Object command = create(entry);
            if (!(command instanceof ClientCommand client) || !(root instanceof GlobalOptions globals)) {
                throw new Slow();
            }
            List<String> positionals = new ArrayList<>();
            boolean stopped = false;
            while (i < args.length) {
                String word = args[i];
                if (stopped || !word.startsWith("-") || word.equals("-")) {
                    positionals.add(word);
                    i++;
                    stopped = entry.stopAtPositional();
                } else if (word.equals("--")) {
                    throw new Slow();
                } else {
                    option(new Target(entry, command), word);
                }
            }
            params(entry, command, positionals);
            defaults(rootEntry, root);
            defaults(entry, command);
            return new Parsed(globals, client);
        }

        /** The word at {@code i} is an option of the command (or the root's, when {@code command} is null or lacks it). */
        private void option(Target command, String word) throws Slow {
            int eq = word.startsWith("--") ? word.indexOf('=') : -1;
            String name = eq < 0 ? word : word.substring(0, eq);
            Target target = command;
            CommandTable.Arg arg = command == null ? null : find(command.entry(), name);
            if (arg == null) {
                arg = find(rootEntry, name);
                target = new Target(rootEntry, root);
            }
            if (arg == null && command != null && eq < 0 && !word.startsWith("--") && word.length() > 2) {
                cluster(command, word);
                return;
            }
            if (arg == null || arg.kind().equals("slow") || (!arg.kind().equals("list") && !seen.add(arg))) {
                throw new Slow(); // unknown, picocli's only, or given twice (picocli refuses that)
            }
            i++;
            if (arg.kind().equals("flag")) {
                if (eq >= 0) {
                    throw new Slow();
                }
                set(target.object(), arg.field(), Boolean.TRUE);
                return;
            }
            String value;
            if (eq >= 0) {
                value = word.substring(eq + 1);
            } else {
                if (i >= args.length || args[i].startsWith("-")) {
                    throw new Slow(); // missing, or an option where picocli might see one
                }
                value = args[i++];
            }
            Object converted = convert(arg.type(), value);
            if (arg.kind().equals("list")) {
                add(target.object(), arg, converted);
            } else {
                set(target.object(), arg.field(), converted);
            }
        }

        /** {@code -it}: short flags of the command run together, as picocli takes them; anything else is picocli's. */
        private void cluster(Target command, String word) throws Slow {
            for (int k = 1; k < word.length(); k++) {
                CommandTable.Arg arg = find(command.entry(), "-" + word.charAt(k));
                if (arg == null || !arg.kind().equals("flag") || !seen.add(arg)) {
                    throw new Slow();
                }
                set(command.object(), arg.field(), Boolean.TRUE);
            }
            i++;
        }

        private void params(CommandTable.Entry entry, Object command, List<String> positionals) throws Slow {
            int used = 0;
            for (CommandTable.Arg p : entry.params()) {
                if (p.kind().equals("slow")) {
                    throw new Slow();
                }
                int from = p.from();
                int to = p.to() < 0 ? positionals.size() - 1 : Math.min(p.to(), positionals.size() - 1);
                int count = Math.max(0, to - from + 1);
                // picocli's arity of a parameter is per match, its index range says how many it takes
                if (count < p.min() || (p.kind().equals("value") && count > 1)) {
                    throw new Slow(); // missing or surplus: picocli's message
                }
                for (int k = from; k <= to; k++) {
                    Object converted = convert(p.type(), positionals.get(k));
                    if (p.kind().equals("list")) {
                        add(command, p, converted);
                    } else {
                        set(command, p.field(), converted);
                    }
                    seen.add(p);
                }
                used = Math.max(used, to + 1);
            }
            if (used < positionals.size()) {
                throw new Slow(); // unmatched arguments
            }
        }

        /** Picocli's default values of what the line did not give. */
        private void defaults(CommandTable.Entry entry, Object object) throws Slow {
            for (List<CommandTable.Arg> args : List.of(entry.options(), entry.params())) {
                for (CommandTable.Arg arg : args) {
                    if (arg.defaultValue() != null && !seen.contains(arg)) {
                        if (arg.kind().equals("list")) {
                            throw new Slow(); // a list's default: picocli's conversion
                        }
                        set(object, arg.field(), convert(arg.type(), arg.defaultValue()));
                    }
                }
            }
        }

        private static CommandTable.Arg find(CommandTable.Entry entry, String name) {
            for (CommandTable.Arg arg : entry.options()) {
                if (arg.names().contains(name)) {
                    return arg;
                }
            }
            return null;
        }

        /** A multi-valued field: picocli replaces its initial value with a new list at the first value. */
        @SuppressWarnings("unchecked")
        private void add(Object object, CommandTable.Arg arg, Object value) throws Slow {
            if (seen.add(arg)) {
                set(object, arg.field(), new ArrayList<>());
            }
            ((List<Object>) get(object, arg.field())).add(value);
        }

        private Object create(CommandTable.Entry entry) throws Slow {
            Object object = instance(entry.className());
            for (String mixin : entry.mixins()) {
                int dot = mixin.lastIndexOf('.');
                Object owner = dot < 0 ? object : get(object, mixin.substring(0, dot));
                Field f = field(owner.getClass(), mixin.substring(dot + 1));
                try {
                    if (f.get(owner) == null) {
                        f.set(owner, instance(f.getType().getName()));
                    }
                } catch (IllegalAccessException e) {
                    throw new Slow();
                }
            }
            return object;
        }
    }

    private record Target(CommandTable.Entry entry, Object object) {
    }

    private static Object convert(String type, String value) throws Slow {
        try {
            return switch (type) {
                case "string" -> value;
                case "int" -> Integer.valueOf(value);
                case "long" -> Long.valueOf(value);
                case "path" -> Path.of(value);
                case "boolean" -> parseBoolean(value);
                default -> throw new Slow();
            };
        } catch (RuntimeException notConvertible) { // picocli's message, picocli's exit code
            throw new Slow();
        }
    }

    private static Boolean parseBoolean(String value) throws Slow {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new Slow();
    }

    private static Object instance(String className) throws Slow {
        try {
            java.lang.reflect.Constructor<?> c = Class.forName(className).getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new Slow();
        }
    }

    /** The value at a dotted field path. */
    private static Object get(Object object, String path) throws Slow {
        Object at = object;
        for (String name : path.split("\\.")) {
            try {
                at = field(at.getClass(), name).get(at);
            } catch (IllegalAccessException e) {
                throw new Slow();
            }
        }
        return at;
    }

    private static void set(Object object, String path, Object value) throws Slow {
        int dot = path.lastIndexOf('.');
        Object owner = dot < 0 ? object : get(object, path.substring(0, dot));
        try {
            field(owner.getClass(), path.substring(dot + 1)).set(owner, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new Slow();
        }
    }

    private static Field field(Class<?> type, String name) throws Slow {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            } catch (RuntimeException e) {
                throw new Slow();
            }
        }
        throw new Slow();
    }
}
