package io.cairn.cli.container;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The client's terminal, driven through {@code stty} on {@code /dev/tty} (the JDK has no termios and
 * the CLI takes no native library): raw mode while a {@code -t} session runs, so that every key
 * (Ctrl-C, Ctrl-D, the detach keys) reaches the container's terminal instead of this process, and
 * the window size for {@code resize}. Each call costs one short {@code stty} process (about 2 ms).
 */
final class Terminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");

    private final String saved;

    private Terminal(String saved) {
        this.saved = saved;
    }

    /** Whether this process's stdin is a terminal (as {@code test -t 0}). */
    static boolean stdinIsTerminal() {
        return System.console() != null;
    }

    /** Puts the terminal in raw mode without echo; {@link #close} restores what it was. */
    static Terminal raw() throws IOException {
        String saved = stty("-g").strip();
        stty("raw", "-echo");
        return new Terminal(saved);
    }

    /** The terminal's rows and columns, when there is one. */
    static Optional<int[]> size() {
        try {
            String[] hw = stty("size").strip().split("\\s+");
            int h = Integer.parseInt(hw[0]);
            int w = Integer.parseInt(hw[1]);
            return h > 0 && w > 0 ? Optional.of(new int[] {h, w}) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("cannot restore the terminal (run 'stty sane'): " + e.getMessage());
        }
    }

    private static String stty(String... args) throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("stty"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
