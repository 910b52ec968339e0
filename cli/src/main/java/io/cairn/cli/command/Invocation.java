package io.cairn.cli.command;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a {@link ClientCommand} run without picocli's model ({@code io.cairn.cli.launch}) is given
 * in place of its {@code @Spec}: the global options, the output streams, and the way to that model
 * when the command needs it after all (a usage error names the command by its picocli
 * {@code CommandLine}). Commands that picocli ran have none.
 */
public record Invocation(GlobalOptions globals, PrintWriter out, PrintWriter err, Model model) {

    /** Builds picocli's model of this invocation on demand (only usage errors need it). */
    public interface Model {
        /** The spec picocli gives this command line's command. */
        CommandSpec spec();
    }
}
