package io.cairn.cli;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.GlobalOptions;
import io.cairn.cli.command.Invocation;
import io.cairn.cli.command.UsageException;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.DaemonUnavailableException;
import io.cairn.cli.launch.QuickStart;
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
 *
 * <p>A command line that {@link QuickStart} can parse from its table runs without picocli's model
 * (building it is most of the client's start-up); any other (help, a usage error, an option or form
 * the table leaves to picocli) is parsed and run by picocli, with the same outputs and exit codes.
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
            return version && !help ? List.of() : CairnCommand.commands();
        }
        for (Class<?> command : CairnCommand.commands()) {
            CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
            if (spec.name().equals(word) || List.of(spec.aliases()).contains(word)) {
                return List.of(command);
            }
        }
        return CairnCommand.commands();
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
            return report(e, debug.getAsBoolean(), err);
        }

        static int report(Exception e, boolean debug, PrintWriter err) {
            if (debug) {
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
        QuickStart.Parsed quick = QuickStart.parse(args);
        int code = quick != null ? runQuick(quick, args, out, err) : commandLine(commandsFor(args), out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Picocli's {@code cairn} with {@code commands} registered, writing to {@code out} and {@code err}
     * and answering errors as {@link #handlingErrors} does.
     */
    static CommandLine commandLine(List<Class<?>> commands, PrintWriter out, PrintWriter err) {
        CairnCommand root = new CairnCommand();
        CommandLine cli = new CommandLine(root);
        for (Class<?> command : commands) {
            cli.addSubcommand(new CommandLine(command));
        }
        stopAtImage(cli);
        cli.setOut(out);
        cli.setErr(err);
        handlingErrors(cli, root::debug);
        return cli;
    }

    /** Runs what {@link QuickStart} parsed as picocli's {@code execute} would: same outputs, same exit codes. */
    private static int runQuick(QuickStart.Parsed quick, String[] args, PrintWriter out, PrintWriter err) {
        ClientCommand command = quick.command();
        GlobalOptions globals = quick.globals();
        command.invokedAs(new Invocation(globals, out, err, new PicocliModel(args, out, err)));
        try {
            return command.call();
        } catch (CommandLine.ParameterException e) { // thrown by the command: picocli's execute reports it as a usage error
            return new UsageErrors(err).handleParseException(e, args);
        } catch (Exception e) {
            return ExecutionErrors.report(e, globals.debug(), err);
        }
    }

    /** Picocli's model of a command line that ran without it, built when a usage error needs it. */
    private record PicocliModel(String[] args, PrintWriter out, PrintWriter err) implements Invocation.Model {
        @Override
        public CommandLine.Model.CommandSpec spec() {
            CommandLine.ParseResult parsed = commandLine(commandsFor(args), out, err).parseArgs(args);
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            return parsed.commandSpec();
        }
    }
}
