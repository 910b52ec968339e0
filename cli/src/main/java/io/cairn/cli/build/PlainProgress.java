package io.cairn.cli.build;

import java.io.PrintWriter;
import java.util.List;

/**
 * BuildKit's {@code --progress plain}: {@code #N [stage k/n] INSTRUCTION}, then the step's
 * output as {@code #N 0.123 line}, then {@code #N CACHED}, {@code #N DONE 0.4s} or
 * {@code #N ERROR: message}; a blank line between steps; an {@code exporting to image} step last.
 */
final class PlainProgress implements ProgressView {

    private final PrintWriter err;
    private int lastStep;
    private long exportStarted;

    PlainProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accept(ProgressMessage m) {
        if (m.isWarning()) {
            err.println("WARNING: " + m.warning());
            err.flush();
            return;
        }
        int step = m.step();
        lastStep = Math.max(lastStep, step);
        String prefix = "#" + step + " ";
        switch (m.state()) {
            case "start" -> err.println(prefix + m.name());
            case "cached" -> err.println(prefix + "CACHED\n");
            case "log" -> err.println(prefix + fixed(m.seconds(), 3) + " "
                    + m.line());
            case "done" -> err.println(prefix + "DONE " + fixed(m.seconds(), 1) + "s"
                    + "\n");
            case "error" -> err.println(prefix + "ERROR: " + m.message() + "\n");
            default -> {
                return;
            }
        }
        exportStarted = System.nanoTime();
        err.flush();
    }

    @Override
    public void finished(String imageId, List<String> tags) {
        String prefix = "#" + (lastStep + 1) + " ";
        err.println(prefix + "exporting to image");
        err.println(prefix + "writing image " + imageId + " done");
        for (String t : tags) {
            err.println(prefix + "naming to " + t + " done");
        }
        double secs = exportStarted == 0 ? 0 : (System.nanoTime() - exportStarted) / 1e9;
        err.println(prefix + "DONE " + fixed(secs, 1) + "s");
        err.flush();
    }

    /**
     * {@code seconds} (not negative) with {@code decimals} digits after the point, as {@code %.Nf}
     * prints it. Not {@link String#format}: its first floating-point use loads the locale
     * providers, ≈ 10 % of a cached build's client (docs/BENCHMARKS.md).
     */
    static String fixed(double seconds, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long units = Math.round(Math.max(0, seconds) * scale);
        if (decimals == 0) {
            return Long.toString(units);
        }
        String frac = Long.toString(scale + units % scale).substring(1);
        return (units / scale) + "." + frac;
    }

    @Override
    public void failed() {
        err.flush();
    }
}
