package io.cairn.engine.main;

import io.cairn.api.CairnException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the engine JVM ({@code bin/cairn} picks it for {@code daemon}, {@code journal repair}
 * and, for the client, the offline {@code journal verify}). Errors follow the client's rules (CLI.md):
 * one {@code Error: …} line on stderr, a stack trace only under {@code --debug}; exit 125 for bad
 * usage, 1 for a failed operation.
 */
public final class EngineMain {

    /** Bad flags or arguments, as the client's {@code Main.USAGE}. */
    public static final int USAGE = 125;

    private EngineMain() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.out.flush();
        System.exit(code);
    }

    /** Runs one engine command in this process; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        EngineCommand root = new EngineCommand();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new UsageErrors(err));
        cli.setExecutionExceptionHandler(new ExecutionErrors(root, err));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /*
     * Classes, not lambdas: a lambda implementing one of picocli's (Java 5) interfaces would keep it
     * and picocli's own handlers out of the daemon's class-data-sharing archive (bin/cairn-setup).
     */

    /** Bad flags or arguments: one error line, a hint, exit 125. */
    private record UsageErrors(PrintWriter err) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            err.println("Error: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        }
    }

    /** A command that threw: one error line (a stack trace only under --debug), exit 1 or 125. */
    private record ExecutionErrors(EngineCommand root, PrintWriter err) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            if (root.debug()) {
                e.printStackTrace(err);
            }
            if (e instanceof CommandLine.ParameterException p) {
                err.println("Error: " + p.getMessage());
                return USAGE;
            }
            err.println("Error: " + (e instanceof CairnException ? e.getMessage() : e.toString()));
            return 1;
        }
    }
}
