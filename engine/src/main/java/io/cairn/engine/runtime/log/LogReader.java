package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a container's conmon {@code k8s-file} log as it is now ({@code cairn logs} without
 * {@code -f}): lines with their stream and time, split lines joined (up to Docker's 16 KiB per
 * entry), filtered by {@link LogQuery}. A missing log file reads as empty (the container never
 * started). A malformed record fails with the file and line number.
 *
 * <p>Memory stays bounded whatever the log's size and the query: entries stream to the sink, and a
 * {@code tail} is found by counting the entries in a first pass over the file, then skipping all
 * but the last ones in a second, rather than by holding the last ones in memory (a tail of 1000
 * lines of 16 KiB each would be 16 MB).
 */
public final class LogReader {
    private LogReader() {
    }

    public static List<LogEntry> read(Path log, LogQuery query) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        read(log, query, out::add);
        return out;
    }

    /** Streams the selected lines to {@code sink}. */
    public static void read(Path log, LogQuery query, Consumer<LogEntry> sink) throws IOException {
        if (query.tail().isPresent() && query.tail().getAsInt() == 0) {
            return;
        }
        K8sFileDecoder decoder = new K8sFileDecoder(false, selecting(query, skipped(log, query, false, true), sink));
        try (LogTail t = new LogTail(log, decoder)) {
            t.poll();
        }
        decoder.finish();
    }

    /**
     * Streams the selected lines of a log kept in several files (rotated ones first, the live one
     * last: {@link LogRotation#files}), as if they were one: a tail counts across all of them.
     */
    public static void read(List<Path> files, LogQuery query, Consumer<LogEntry> sink) throws IOException {
        if (query.tail().isPresent() && query.tail().getAsInt() == 0) {
            return;
        }
        long skip = 0;
        if (query.tail().isPresent()) {
            long total = 0;
            for (Path f : files) {
                total += count(f, query);
            }
            skip = Math.max(0, total - query.tail().getAsInt());
        }
        Consumer<LogEntry> selected = selecting(query, skip, sink);
        for (Path f : files) {
            K8sFileDecoder decoder = new K8sFileDecoder(false, selected);
            try (LogTail t = new LogTail(f, decoder)) {
                t.poll();
            }
            decoder.finish();
        }
    }

    /**
     * How many of the entries {@code query} accepts come before its last {@code tail} ones, by a
     * counting pass over what is logged now (0 without a tail).
     *
     * @param finish whether the pass counts a line left unterminated at the end, as {@link #read} emits it
     */
    static long skipped(Path log, LogQuery query, boolean fragments, boolean finish) throws IOException {
        if (query.tail().isEmpty()) {
            return 0;
        }
        long[] accepted = {0};
        K8sFileDecoder counter = new K8sFileDecoder(fragments, e -> {
            if (query.accepts(e)) {
                accepted[0]++;
            }
        });
        try (LogTail t = new LogTail(log, counter)) {
            t.poll();
        }
        if (finish) {
            counter.finish();
        }
        return Math.max(0, accepted[0] - query.tail().getAsInt());
    }

    /** How many entries of one file {@code query} accepts, a line left unterminated at its end included. */
    private static long count(Path log, LogQuery query) throws IOException {
        long[] accepted = {0};
        K8sFileDecoder counter = new K8sFileDecoder(false, e -> {
            if (query.accepts(e)) {
                accepted[0]++;
            }
        });
        try (LogTail t = new LogTail(log, counter)) {
            t.poll();
        }
        counter.finish();
        return accepted[0];
    }

    /** Passes on the entries {@code query} accepts, except the first {@code skip} of them. */
    static Consumer<LogEntry> selecting(LogQuery query, long skip, Consumer<LogEntry> sink) {
        long[] left = {skip};
        return e -> {
            if (!query.accepts(e)) {
                return;
            }
            if (left[0] > 0) {
                left[0]--;
            } else {
                sink.accept(e);
            }
        };
    }
}
