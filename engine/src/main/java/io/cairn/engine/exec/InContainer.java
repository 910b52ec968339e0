package io.cairn.engine.exec;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command in a running container and returns its exit code and output: the engine-internal
 * exec, for health checks. The command joins the container as {@code docker exec} does, and is
 * killed when {@code timeout} passes. It journals nothing: the caller records the run (a health
 * probe journals one {@code container.health-probe} carrying the session's id, instead of the three
 * exec events a user's exec journals).
 */
public interface InContainer {

    /**
     * @param containerId the container's full ID
     * @param maxOutput   the most bytes of output kept (stdout and stderr interleaved); the rest is
     *                    read and dropped
     */
    Result run(String containerId, List<String> cmd, Duration timeout, int maxOutput);

    /**
     * @param exitCode the command's exit code; -1 when it timed out and was killed
     * @param output   its stdout and stderr as they came, cut at the maximum asked for
     * @param execId   the exec session that ran it
     */
    record Result(int exitCode, String output, boolean timedOut, String execId) {
    }
}
