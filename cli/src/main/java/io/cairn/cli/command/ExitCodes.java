package io.cairn.cli.command;

import io.cairn.api.CairnException;
import io.cairn.api.ErrorKind;
import io.cairn.cli.client.DaemonUnavailableException;
import picocli.CommandLine;

/**
 * Every exit code of {@code cairn}, from what went wrong (CLI.md, Docker's codes): never from an
 * error's text. A daemon's failure carries its {@link ErrorKind}; the CLI's own are bad usage and
 * no daemon to ask. A container's own exit code ({@code run}, {@code start -a}) passes through as is.
 *
 * <p>Two outcomes are not one failure's kind: a command acting on several objects ({@code rm},
 * {@code stop}, {@code rmi}, {@code volume rm}, {@code start} without {@code -a}) reports each
 * failure and goes on, then exits {@link #FAILED} if any failed, as Docker's do; a check that ran and
 * found problems ({@code system check}, {@code image verify}, {@code journal verify}, {@code journal
 * rebuild} whose digests differ) exits {@link #FAILED} too.
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The operation failed; the message says why. */
    public static final int FAILED = 1;
    /** Bad flags or usage, found by the CLI before (or instead of) asking the daemon. */
    public static final int USAGE = 125;
    /** The daemon cannot be reached or started, or answered something that is not an answer. */
    public static final int NO_DAEMON = 125;
    /** A container's command exists but cannot be invoked. */
    public static final int CANNOT_INVOKE = 126;
    /** A container's command is not found. */
    public static final int COMMAND_NOT_FOUND = 127;

    private ExitCodes() {
    }

    /** The exit code of a daemon's failure of {@code kind}. */
    public static int of(ErrorKind kind) {
        return switch (kind) {
            case COMMAND_NOT_FOUND -> COMMAND_NOT_FOUND;
            case COMMAND_NOT_INVOKABLE -> CANNOT_INVOKE;
            case NOT_FOUND, ALREADY_EXISTS, CONFLICT, INVALID_ARGUMENT, TOO_LARGE, BUILD_FAILED, NOT_IMPLEMENTED,
                 UNAVAILABLE, ENGINE_FAILURE -> FAILED;
        };
    }

    /** The exit code of a command that threw {@code failure}. */
    public static int of(Throwable failure) {
        if (failure instanceof CairnException e) {
            return of(e.kind());
        }
        if (failure instanceof UsageException || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof DaemonUnavailableException) {
            return NO_DAEMON;
        }
        return FAILED; // the CLI's own bug or an I/O error of its own: the operation failed
    }
}
