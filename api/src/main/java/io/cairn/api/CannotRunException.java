package io.cairn.api;

/**
 * A container's process could not be started: its command is not found ({@link
 * ErrorKind#COMMAND_NOT_FOUND}, a shell's 127) or cannot be invoked as asked ({@link
 * ErrorKind#COMMAND_NOT_INVOKABLE}, 126: not executable, an unknown user, a mount that fails). The
 * container is left exited with that code; the message names it and the runtime's reason.
 */
public final class CannotRunException extends CairnException {

    private final ErrorKind kind;

    private CannotRunException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The command does not exist in the container's filesystem or search path. */
    public static CannotRunException notFound(String message, Throwable cause) {
        return new CannotRunException(ErrorKind.COMMAND_NOT_FOUND, message, cause);
    }

    /** The command exists (or was not looked for) but cannot be run as asked. */
    public static CannotRunException notInvokable(String message, Throwable cause) {
        return new CannotRunException(ErrorKind.COMMAND_NOT_INVOKABLE, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    /** The exit code the container is left with, as a shell reports the same failure: 127 or 126. */
    public int exitCode() {
        return kind == ErrorKind.COMMAND_NOT_FOUND ? 127 : 126;
    }
}
