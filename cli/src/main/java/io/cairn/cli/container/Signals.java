package io.cairn.cli.container;

/**
 * Handlers for this process's signals (SIGINT, SIGTERM for {@code --sig-proxy}, SIGWINCH for a
 * terminal's size), through the JDK's {@code sun.misc.Signal}; a signal the JVM will not let us
 * handle is left alone.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code action} on each {@code name} signal (a thread of the JVM's) until the returned
     * restorer puts the previous handler back.
     */
    @SuppressWarnings("removal")
    static Runnable on(String name, Runnable action) {
        try {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> action.run());
            return () -> sun.misc.Signal.handle(signal, previous);
        } catch (IllegalArgumentException unavailable) {
            return () -> { };
        }
    }
}
