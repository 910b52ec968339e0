package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows a container's log as conmon writes it ({@code logs -f}, and {@code run} without
 * {@code -d}, which writes stdout and stderr entries to its own stdout and stderr as they come).
 * Ends once {@code exited} says the container's process has ended (conmon writes the exit file
 * after it has drained the container's pipes into the log), or the query's {@code until} has
 * passed, and the log has been read to its end;
 * or when the calling thread is interrupted (an {@link InterruptedIOException}, or the
 * {@link java.nio.channels.ClosedByInterruptException} of a read). Memory stays bounded: the lines
 * already logged stream to the sink as new ones do.
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
        // What is already there goes through the same selection as LogReader (tail applies to it),
        // streamed rather than held: the backlog may be gigabytes.
        long skip = LogReader.skipped(log, query, mode == Mode.FRAGMENTS, false);
        K8sFileDecoder decoder = new K8sFileDecoder(mode == Mode.FRAGMENTS, LogReader.selecting(query, skip, sink));
        try (LogTail t = new LogTail(log, decoder)) {
            long sleep = 1;
            while (true) {
                // Check for the exit before reading: whatever was logged before the exit file appeared is
                // then read by this poll, so nothing is lost when the loop ends.
                boolean done = exited.exited() || query.over();
                boolean read = t.poll();
                if (done && !read) {
                    break;
                }
                // A poll, on purpose: what ends the follow is the caller's exit probe (an index read, no
                // file), which offers nothing to wait on here; a directory watch on the log alone would
                // still need this bound for the probe, and cost an inotify thread per follower. The
                // back-off keeps an idle follower at 40 wake-ups a second.
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
