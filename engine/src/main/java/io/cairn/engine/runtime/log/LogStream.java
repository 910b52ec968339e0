package io.cairn.engine.runtime.log;

/** Which of the container's output streams a log line came from. */
public enum LogStream {
    STDOUT, STDERR;

    /** The name conmon writes ({@code stdout} / {@code stderr}). */
    public String wireName() {
        return this == STDOUT ? "stdout" : "stderr";
    }

    static LogStream parse(String s) {
        return switch (s) {
            case "stdout" -> STDOUT;
            case "stderr" -> STDERR;
            default -> throw new IllegalArgumentException("unknown stream '" + s + "'");
        };
    }
}
