package io.cairn.engine.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a short command inside a running container, as its own process would run (the container's
 * namespaces, cgroup, user, environment, working directory, capabilities and seccomp filter): the
 * health check's probe. The engine implements it with its exec ({@code engine.exec.ExecService}),
 * the one way into a running container, so a probe is an exec as in Docker (and its events too).
 */
public interface ProcessProbe {

    /**
     * How a probe ended: its exit code (-1 when it timed out and was killed), the start of its
     * output, and the exec session that ran it (empty when none could start).
     */
    record Result(int exitCode, String output, String execId) {
    }

    /** @param timeout the probe is killed after it */
    Result run(String id, List<String> argv, Duration timeout) throws IOException;
}
