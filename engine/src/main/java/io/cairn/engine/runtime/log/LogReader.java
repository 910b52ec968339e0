package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a container's conmon {@code k8s-file} log as it is now ({@code cairn logs} without
 * {@code -f}): lines with their stream and time, split lines joined, filtered by {@link LogQuery}.
 * A missing log file reads as empty (the container never started). A malformed record fails with
 * the file and line number.
 */
public final class LogReader {
    private LogReader() {
    }

    public static List<LogEntry> read(Path log, LogQuery query) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        read(log, query, out::add);
        return out;
    }

    /** Streams the selected lines to {@code sink}, holding at most {@code tail} of them in memory. */
    public static void read(Path log, LogQuery query, Consumer<LogEntry> sink) throws IOException {
        Deque<LogEntry> last = new ArrayDeque<>();
        int tail = query.tail().orElse(-1);
        Consumer<LogEntry> select = e -> {
            if (!query.accepts(e)) {
                return;
            }
            if (tail < 0) {
                sink.accept(e);
            } else if (tail > 0) {
                if (last.size() == tail) {
                    last.removeFirst();
                }
                last.addLast(e);
            }
        };
        K8sFileDecoder decoder = new K8sFileDecoder(false, select);
        try (LogTail t = new LogTail(log, decoder)) {
            t.poll();
        }
        decoder.finish();
        last.forEach(sink);
    }
}
