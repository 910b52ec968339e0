package io.cairn.cli.command;

/**
 * Bad usage that picocli cannot see (a flag's value that only the command understands): exit
 * {@value ExitCodes#USAGE} with one {@code Error:} line and no help hint, before the daemon is asked.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
