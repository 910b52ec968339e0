package io.cairn.cli.client;

/** Nothing answers on the root's socket and no daemon could be started: exit code 125. */
public final class DaemonUnavailableException extends RuntimeException {
    public DaemonUnavailableException(String message) {
        super(message);
    }
}
