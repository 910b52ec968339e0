package io.cairn.engine.exec;

import io.cairn.api.InvalidArgumentException;
import java.util.List;

/**
 * Docker's {@code ExecConfig}: what {@code POST /containers/{id}/exec} asks for.
 *
 * @param cmd          the command, never empty
 * @param env          {@code KEY=value} entries added to (and overriding) the container's
 * @param workingDir   absolute, or empty for the container's
 * @param user         {@code USER[:GROUP]} resolved in the container, or empty for the container's
 * @param tty          a pseudo-terminal (see {@link ExecService})
 * @param attachStdin  forward the client's input to the process
 * @param attachStdout send the process's stdout to the client
 * @param attachStderr send the process's stderr to the client
 * @param privileged   every capability instead of the container's
 * @param detachKeys   Docker's {@code DetachKeys}: the input that detaches an attached client (the process runs
 *                     on); empty for Docker's default (Ctrl-P Ctrl-Q); checked here, so a bad one is refused
 *                     at create
 * @param consoleSize  Docker's {@code ConsoleSize} with {@code tty}: the terminal's size at start, {@code null}
 *                     for the runtime's default
 */
public record ExecRequest(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
                          boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged,
                          String detachKeys, io.cairn.engine.stdio.TerminalSize consoleSize) {
    /** Docker refuses more; so does the kernel's argument limit long before. */
    static final int MAX_ENTRIES = 4096;

    public ExecRequest {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        detachKeys = detachKeys == null ? "" : detachKeys;
        io.cairn.api.DetachKeys.parse(detachKeys);
        if (cmd.isEmpty()) {
            throw new InvalidArgumentException("exec: no command specified");
        }
        if (cmd.size() > MAX_ENTRIES || env.size() > MAX_ENTRIES) {
            throw new InvalidArgumentException("exec: at most " + MAX_ENTRIES + " command words and " + MAX_ENTRIES
                    + " environment entries");
        }
        for (String e : env) {
            if (e.isEmpty() || e.startsWith("=") || e.indexOf('\0') >= 0) {
                throw new InvalidArgumentException("exec: invalid environment entry '" + e + "': want KEY=value");
            }
        }
        for (String w : cmd) {
            if (w.indexOf('\0') >= 0) {
                throw new InvalidArgumentException("exec: a command word holds a NUL byte");
            }
        }
        if (!workingDir.isEmpty() && !workingDir.startsWith("/")) {
            throw new InvalidArgumentException("exec: the working directory '" + workingDir + "' is not absolute");
        }
    }

    /** A request with Docker's default detach keys and the runtime's terminal size. */
    public ExecRequest(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
                       boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged) {
        this(cmd, env, workingDir, user, tty, attachStdin, attachStdout, attachStderr, privileged, "", null);
    }
}
