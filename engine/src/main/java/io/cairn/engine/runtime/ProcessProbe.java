package io.cairn.engine.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a short command inside a running container, as its own process would run (the container's
 * namespaces, cgroup, user, environment, working directory, capabilities and seccomp filter): the
 * health check's probe. A stand-in until the engine's exec (another part of issue 12) is the one
 * way to run a process in a container; then a probe becomes an exec.
 */
public interface ProcessProbe {

    /** How a probe ended: its exit code (-1 when it timed out and was killed) and the start of its output. */
    record Result(int exitCode, String output) {
    }

    /**
     * @param bundle  the container's bundle (its {@code config.json} gives the process's settings)
     * @param timeout the probe is killed after it
     */
    Result run(String id, Path bundle, List<String> argv, Duration timeout) throws IOException;
}
