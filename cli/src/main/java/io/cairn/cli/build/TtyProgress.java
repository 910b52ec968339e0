package io.cairn.cli.build;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live view on a terminal, after BuildKit's: a header with the elapsed time and steps done,
 * one line per step ({@code => [2/3] RUN make  1.2s}, {@code => CACHED [2/3] ...}), and under a
 * running step the last lines of its output. Redrawn in place with ANSI cursor movement.
 */
final class TtyProgress implements ProgressView {

    private static final int TAIL = 6;

    private static final class Step {
        final String name;
        final long started = System.nanoTime();
        String state = "running";
        double seconds;
        final Deque<String> tail = new ArrayDeque<>();

        Step(String name) {
            this.name = name;
        }
    }

    private final PrintWriter err;
    private final int width;
    private final long started = System.nanoTime();
    private final Map<Integer, Step> steps = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int drawn;
    private long lastDraw;

    TtyProgress(PrintWriter err, int width) {
        this.err = err;
        this.width = width;
    }

    @Override
    public void accept(ProgressMessage m) {
        if (m.isWarning()) {
            warnings.add(m.warning());
            return;
        }
        int n = m.step();
        String status = m.state();
        Step s = steps.get(n);
        if (status.equals("start")) {
            steps.put(n, new Step(m.name()));
        } else if (s != null) {
            switch (status) {
                case "cached" -> s.state = "cached";
                case "done" -> {
                    s.state = "done";
                    s.seconds = m.seconds();
                }
                case "error" -> {
                    s.state = "error";
                    s.tail.addLast("ERROR: " + m.message());
                }
                case "log" -> {
                    s.tail.addLast(m.line());
                    while (s.tail.size() > TAIL) {
                        s.tail.removeFirst();
                    }
                    if (System.nanoTime() - lastDraw < 50_000_000L) {
                        return; // output floods: redraw at most 20 times a second
                    }
                }
                default -> {
                }
            }
        }
        draw(false);
    }

    @Override
    public void finished(String imageId, List<String> tags) {
        draw(true);
        err.println(" => writing image " + imageId);
        for (String t : tags) {
            err.println(" => naming to " + t);
        }
        warnings.forEach(w -> err.println("WARNING: " + w));
        err.flush();
    }

    @Override
    public void failed() {
        draw(true);
        warnings.forEach(w -> err.println("WARNING: " + w));
        err.flush();
    }

    private void draw(boolean last) {
        lastDraw = System.nanoTime();
        List<String> lines = new ArrayList<>();
        long done = steps.values().stream().filter(s -> !s.state.equals("running")).count();
        lines.add(String.format(Locale.ROOT, "[+] Building %.1fs (%d/%d)%s", (lastDraw - started) / 1e9, done,
                steps.size(), last ? " FINISHED" : ""));
        for (Step s : steps.values()) {
            String time = switch (s.state) {
                case "running" -> String.format(Locale.ROOT, "%.1fs", (lastDraw - s.started) / 1e9);
                case "cached" -> "0.0s";
                default -> String.format(Locale.ROOT, "%.1fs", s.seconds);
            };
            String name = (s.state.equals("cached") ? "CACHED " : s.state.equals("error") ? "ERROR " : "") + s.name;
            lines.add(fit(" => " + name, time));
            if (s.state.equals("running") || s.state.equals("error")) {
                for (String t : s.tail) {
                    lines.add(clip(" => => # " + t));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append("\033[").append(drawn).append('A');
        }
        for (String l : lines) {
            out.append("\r\033[2K").append(l).append('\n');
        }
        for (int i = lines.size(); i < drawn; i++) {
            out.append("\r\033[2K\n"); // fewer lines than last time (a finished step's output went away)
        }
        int printed = Math.max(lines.size(), drawn);
        if (printed > lines.size()) {
            out.append("\033[").append(printed - lines.size()).append('A');
        }
        drawn = lines.size();
        err.print(out);
        err.flush();
    }

    private String fit(String left, String right) {
        int room = width - right.length() - 1;
        String l = left.length() > room ? left.substring(0, Math.max(0, room - 1)) + "…" : left;
        return l + " ".repeat(Math.max(1, width - l.length() - right.length())) + right;
    }

    private String clip(String s) {
        return s.length() > width ? s.substring(0, width - 1) + "…" : s;
    }
}
