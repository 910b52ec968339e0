package io.cairn.cli.build;

import java.util.Map;

/**
 * One line of {@code POST /build}'s progress stream: a step's {@code start} (with its name),
 * {@code cached}, {@code log} (a line of output), {@code done} or {@code error}; or a warning.
 *
 * @param step    the step's number ({@code #N}), 0 for a warning
 * @param state   start, cached, log, done or error; empty for a warning
 * @param name    the step's name, e.g. {@code [2/3] COPY . /app} (start)
 * @param seconds time since the step started (log, done)
 * @param line    a line of the step's output (log)
 * @param message why the step failed (error)
 * @param warning a warning about the build, or empty
 */
record ProgressMessage(int step, String state, String name, double seconds, String line, String message,
                       String warning) {

    /** From a parsed stream line; absent members are empty or zero. */
    static ProgressMessage of(Map<String, Object> m) {
        return new ProgressMessage(m.get("step") instanceof Number n ? n.intValue() : 0, text(m, "state"), text(m, "name"),
                m.get("seconds") instanceof Number n ? n.doubleValue() : 0, text(m, "line"), text(m, "message"),
                text(m, "warning"));
    }

    boolean isWarning() {
        return !warning.isEmpty();
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
