package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows a container's log as conmon writes it ({@code logs -f}, and {@code run} without
 * {@code -d}, which writes stdout and stderr entries to its own stdout and stderr as they come).
 * Ends once {@code exited} says the container's process has ended (conmon writes the exit file
 * after it has drained the container's pipes into the log) and the log has been read to its end;
 * or when the calling thread is interrupted.
 */
public final class LogFollower {
    /** Whole lines only, or also pieces of a line as soon as they are logged (for interactive output). */
    public enum Mode { LINES, FRAGMENTS }

    /** Whether the container has exited; typically "conmon's exit file exists". */
    @FunctionalInterface
    public interface ExitProbe {
        boolean exited() throws IOException;
    }

    private static final long MAX_SLEEP_MS = 25;

    private LogFollower() {
    }

    /**
     * Sends the lines {@code query} selects from what is already logged, then every new line, to
     * {@code sink}, until the container has exited and its log is drained.
     */
    public static void follow(Path log, LogQuery query, Mode mode, ExitProbe exited, Consumer<LogEntry> sink)
            throws IOException {
        // What is already there goes through the same selection as LogReader (tail applies to it).
        List<LogEntry> backlog = new ArrayList<>();
        boolean[] caughtUp = {false};
        K8sFileDecoder decoder = new K8sFileDecoder(mode == Mode.FRAGMENTS, e -> {
            if (!query.accepts(e)) {
                return;
            }
            if (caughtUp[0]) {
                sink.accept(e);
            } else {
                backlog.add(e);
            }
        });
        try (LogTail t = new LogTail(log, decoder)) {
            t.poll();
            int tail = query.tail().orElse(backlog.size());
            backlog.subList(Math.max(0, backlog.size() - tail), backlog.size()).forEach(sink);
            backlog.clear();
            caughtUp[0] = true;
            long sleep = 1;
            while (true) {
                // Check for the exit before reading: whatever was logged before the exit file appeared is
                // then read by this poll, so nothing is lost when the loop ends.
                boolean done = exited.exited();
                boolean read = t.poll();
                if (done && !read) {
                    break;
                }
                sleep = read ? 1 : Math.min(sleep * 2, MAX_SLEEP_MS);
                if (!read) {
                    pause(sleep);
                }
            }
        }
        decoder.finish();
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("log follow interrupted");
        }
    }
}
