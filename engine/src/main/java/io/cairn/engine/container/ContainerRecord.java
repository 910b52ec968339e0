package io.cairn.engine.container;

import io.cairn.engine.event.ContainerConfig;

/**
 * A container as the index holds it.
 *
 * @param status        {@code created}, {@code running}, {@code exited} (Docker's names), or
 *                      {@code starting} between a start's decision and its outcome (Cairn's)
 * @param pid           host pid while running, else 0
 * @param exitCode      last exit code (0 before the first run)
 * @param error         why the process could not run, if it could not
 * @param createdNanos  the create event's time
 * @param startedNanos  the last start's time, 0 if never started
 * @param finishedNanos the last exit's time, 0 if never exited
 */
public record ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                              int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos) {

    ContainerRecord markStarting() {
        return new ContainerRecord(id, name, imageId, config, "starting", 0, exitCode, error, createdNanos, startedNanos,
                finishedNanos);
    }

    ContainerRecord started(long newPid, long at) {
        return new ContainerRecord(id, name, imageId, config, "running", newPid, 0, "", createdNanos, at, 0);
    }

    ContainerRecord died(int code, String why, long at) {
        return new ContainerRecord(id, name, imageId, config, "exited", 0, code, why, createdNanos, startedNanos, at);
    }

    public boolean running() {
        return status.equals("running");
    }

    /** A start was decided and has not yet ended in {@code running} or {@code exited}. */
    public boolean starting() {
        return status.equals("starting");
    }
}
