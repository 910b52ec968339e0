package io.cairn.engine.daemon.config;

/**
 * A configuration the daemon refuses to start with: a file that cannot be read or parsed, a key
 * unknown or set twice, a value of the wrong type or out of range. The message names the file (or
 * the flag), the key and the value.
 */
public final class DaemonConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DaemonConfigException(String message) {
        super(message);
    }

    public DaemonConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
