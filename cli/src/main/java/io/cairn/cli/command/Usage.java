package io.cairn.cli.command;

import picocli.CommandLine.ParameterException;

/**
 * The command a usage error is reported against (its {@code Error:} line, then {@code See 'cairn …
 * --help'.}, exit 125). Helpers that check flags take this rather than picocli's spec, so that a
 * command run without picocli's model ({@link Invocation}) builds that model only when an error
 * needs it.
 */
public interface Usage {

    /** The usage error {@code message} of this command, to throw. */
    ParameterException error(String message);
}
