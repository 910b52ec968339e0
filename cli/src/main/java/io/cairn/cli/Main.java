package io.cairn.cli;

import io.cairn.cli.client.DaemonUnavailableException;
import io.cairn.engine.api.CairnException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of {@code cairn}. Exit codes (CLI.md): 0 success, 1 the operation failed, 125 bad usage
 * or no daemon; errors are one {@code Error: …} line on stderr, with a stack trace only under
 * {@code --debug}.
 */
public final class Main {

    public static final int USAGE = 125;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }

    /**
     * {@code run IMAGE sh -c …}: everything after the image is the container's command, options
     * included, as in Docker.
     */
    private static void stopAtImage(CommandLine cli) {
        for (String name : List.of("run", "create")) {
            CommandLine top = cli.getSubcommands().get(name);
            if (top != null) {
                top.setStopAtPositional(true);
            }
            CommandLine group = cli.getSubcommands().get("container");
            if (group != null && group.getSubcommands().get(name) != null) {
                group.getSubcommands().get(name).setStopAtPositional(true);
            }
        }
    }

    /** The top-level command the arguments name, or all of them when they name none. */
    static List<Class<?>> commandsFor(String[] args) {
        String word = null;
        for (int i = 0; i < args.length && word == null; i++) {
            if (args[i].equals("--root")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                word = args[i];
            }
        }
        if (word == null) {
            return CairnCommand.COMMANDS;
        }
        for (Class<?> command : CairnCommand.COMMANDS) {
            CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
            if (spec.name().equals(word) || List.of(spec.aliases()).contains(word)) {
                return List.of(command);
            }
        }
        return CairnCommand.COMMANDS;
    }

    /** Runs the CLI in this process; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CairnCommand root = new CairnCommand();
        CommandLine cli = new CommandLine(root);
        for (Class<?> command : commandsFor(args)) {
            cli.addSubcommand(new CommandLine(command));
        }
        stopAtImage(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("Error: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (root.debug()) {
                e.printStackTrace(err);
            }
            if (e instanceof DaemonUnavailableException) {
                err.println("Error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof CommandLine.ParameterException p) {
                err.println("Error: " + p.getMessage());
                return USAGE;
            }
            err.println("Error: " + (e instanceof CairnException ? e.getMessage() : e.toString()));
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
