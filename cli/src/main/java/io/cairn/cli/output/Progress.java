package io.cairn.cli.output;

import java.io.PrintWriter;

/**
 * Transfer progress on stderr: a redrawn bar on a terminal, plain start and end lines otherwise (so
 * logs and pipes get no control characters).
 */
public final class Progress {

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private long lastDraw;
    private long current;

    public Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = interactive();
        if (!terminal) {
            err.println(label + (total > 0 ? " (" + Units.humanSize(total) + ")" : "") + "...");
            err.flush();
        }
    }

    /** Whether this process talks to a terminal that draws (standard input and output are one, TERM is set and not dumb). */
    public static boolean interactive() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    public void update(long bytes) {
        current = bytes;
        long now = System.nanoTime();
        if (terminal && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    public void done(String result) {
        if (terminal) {
            draw();
            err.print("\r\033[K");
        }
        err.println(label + ": " + Units.humanSize(current) + (result.isEmpty() ? "" : ", " + result));
        err.flush();
    }

    private void draw() {
        int width = 30;
        StringBuilder line = new StringBuilder("\r").append(label).append(" [");
        if (total > 0) {
            int filled = (int) Math.min(width, width * current / Math.max(1, total));
            line.append("=".repeat(filled)).append(filled < width ? ">" : "").append(" ".repeat(Math.max(0, width - filled - 1)));
            line.append("] ").append(Units.humanSize(current)).append('/').append(Units.humanSize(total));
        } else {
            line.append("=".repeat((int) (current / (1 << 20) % width))).append(">] ").append(Units.humanSize(current));
        }
        err.print(line);
        err.flush();
    }
}
