package io.cairn.cli;

import io.cairn.cli.command.UsageException;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.DaemonUnavailableException;
import io.cairn.api.CairnException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Entry point of {@code cairn}. Exit codes come from {@link ExitCodes} (CLI.md): 0 success, 1 the
 * operation failed, 125 bad usage or no daemon, 126/127 a container's command that cannot be invoked
 * or is not found; errors are one {@code Error: …} line on stderr, with a stack trace only under
 * {@code --debug}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }

    /**
     * {@code run IMAGE sh -c …} (and {@code exec CONTAINER sh -c …}): everything after the image is the container's command, options
     * included, as in Docker.
     */
    private static void stopAtImage(CommandLine cli) {
        for (String name : List.of("run", "create", "top", "exec")) { // top CONTAINER -o pid,comm: ps options
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

    /**
     * The top-level command the arguments name; none for a bare {@code --version} (it lists no
     * command); all of them for help or when the arguments name none.
     */
    static List<Class<?>> commandsFor(String[] args) {
        String word = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length && word == null; i++) {
            switch (args[i]) {
                case "--root" -> i++;
                case "-h", "--help" -> help = true;
                case "-V", "--version" -> version = true;
                default -> word = args[i].startsWith("-") ? null : args[i];
            }
        }
        if (word == null) {
            return version && !help ? List.of() : CairnCommand.COMMANDS;
        }
        for (Class<?> command : CairnCommand.COMMANDS) {
            CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
            if (spec.name().equals(word) || List.of(spec.aliases()).contains(word)) {
                return List.of(command);
            }
        }
        return CairnCommand.COMMANDS;
    }

    /*
     * The two handlers are classes, not lambdas: picocli's interfaces are Java 5 class files, and a
     * lambda implementing one makes bin/cairn-setup's archive dump link it, which excludes it (and
     * picocli's own handlers) from the archive; as classes they are archived like the rest.
     */

    /** Bad flags or arguments: one error line, a hint, exit 125. */
    private record UsageErrors(PrintWriter err) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            err.println("Error: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        }
    }

    /** A command that threw: one error line (a stack trace only under --debug), the exit code of its kind. */
    private record ExecutionErrors(BooleanSupplier debug, PrintWriter err)
            implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            if (debug.getAsBoolean()) {
                e.printStackTrace(err);
            }
            boolean ours = e instanceof CairnException || e instanceof UsageException
                    || e instanceof DaemonUnavailableException || e instanceof CommandLine.ParameterException;
            err.println("Error: " + (ours ? e.getMessage() : e.toString()));
            return ExitCodes.of(e);
        }
    }

    /**
     * Makes {@code cli} answer bad usage and failures as {@code cairn} does (one {@code Error:} line,
     * {@link ExitCodes}); {@code debug} says whether to print stack traces too.
     */
    public static CommandLine handlingErrors(CommandLine cli, BooleanSupplier debug) {
        cli.setParameterExceptionHandler(new UsageErrors(cli.getErr()));
        cli.setExecutionExceptionHandler(new ExecutionErrors(debug, cli.getErr()));
        return cli;
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
        handlingErrors(cli, root::debug);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
