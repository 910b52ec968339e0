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

    /**
     * The longest sleep between two looks when nothing wakes the follower: a bound for a wake the
     * file system or the engine did not give (an inotify limit, an end the engine does not announce),
     * not the pace of an active follow, which the wakes set.
     */
    static final long MAX_SLEEP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private LogFollower() {
    }

    /**
     * Sends the lines {@code query} selects from what is already logged, then every new line, to
     * {@code sink}, until the container has exited and its log is drained. Between looks it sleeps
     * until {@code watch} says the log changed or the engine woke it ({@link LogWatch#wake} when the
     * container's run ends), or {@code query}'s {@code until} comes.
     */
    public static void follow(Path log, LogQuery query, Mode mode, ExitProbe exited, LogWatch watch,
                              Consumer<LogEntry> sink) throws IOException {
        // What is already there goes through the same selection as LogReader (tail applies to it),
        // streamed rather than held: the backlog may be gigabytes.
        long skip = LogReader.skipped(log, query, mode == Mode.FRAGMENTS, false);
        K8sFileDecoder decoder = new K8sFileDecoder(mode == Mode.FRAGMENTS, LogReader.selecting(query, skip, sink));
        try (LogTail t = new LogTail(log, decoder); LogWatch.Subscription wakes = watch.subscribe(log)) {
            while (true) {
                // Check for the exit before reading: whatever was logged before the exit was seen is
                // then read by this look, so nothing is lost when the loop ends.
                boolean done = exited.exited() || query.over();
                boolean read = t.poll();
                if (done && !read) {
                    break;
                }
                if (!read) {
                    pause(wakes, query);
                }
            }
        }
        decoder.finish();
    }

    private static void pause(LogWatch.Subscription wakes, LogQuery query) throws IOException {
        long nanos = MAX_SLEEP_NANOS;
        if (query.until().isPresent()) {
            java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), query.until().get());
            nanos = Math.max(1, Math.min(nanos, left.toNanos() + 1_000_000));
        }
        try {
            wakes.await(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("log follow interrupted");
        }
    }
}
