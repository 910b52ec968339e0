package io.cairn.engine.runtime;

import java.nio.file.Path;

/**
 * How a container's standard streams are kept by its monitor.
 *
 * @param openStdin keep a pipe to the process's stdin, fed by attached clients ({@code -i})
 * @param stdinOnce close that pipe when the first attached client detaches (Docker's
 *                  {@code StdinOnce}); otherwise it stays open for the next one
 * @param tty       the process runs on a pseudo-terminal ({@code -t}); its output is one stream
 */
public record ContainerStdio(boolean openStdin, boolean stdinOnce, boolean tty) {

    /** No stdin, no terminal: what every container had before {@code -i} and {@code -t}. */
    public static ContainerStdio none() {
        return new ContainerStdio(false, false, false);
    }

    /**
     * Where a client connects to a created or running container's streams, and how its terminal
     * is resized.
     *
     * @param socket  conmon's attach socket ({@code SOCK_SEQPACKET}): packets to the client start with the
     *                stream (2 stdout, 3 stderr); what the client sends is the process's stdin
     * @param control conmon's control fifo: {@code "1 HEIGHT WIDTH\n"} resizes the terminal
     */
    public record Endpoints(Path socket, Path control) {
    }
}
