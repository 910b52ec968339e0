package io.cairn.engine.container;

import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.Resources;

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
 * @param paused        a running container whose processes are frozen (Docker's {@code paused}
 *                      status; {@link #running()} stays true, as Docker's {@code State.Running})
 * @param oomKilled     the OOM killer struck during the last run (Docker's {@code State.OOMKilled})
 */
public record ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                              int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos,
                              boolean paused, boolean oomKilled) {

    /** A record that is neither paused nor OOM-killed. */
    public ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                           int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos) {
        this(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos, finishedNanos,
                false, false);
    }

    ContainerRecord markStarting() {
        return new ContainerRecord(id, name, imageId, config, "starting", 0, exitCode, error, createdNanos, startedNanos,
                finishedNanos, false, oomKilled);
    }

    ContainerRecord started(long newPid, long at) {
        return new ContainerRecord(id, name, imageId, config, "running", newPid, 0, "", createdNanos, at, 0, false, false);
    }

    ContainerRecord died(int code, String why, long at) {
        return new ContainerRecord(id, name, imageId, config, "exited", 0, code, why, createdNanos, startedNanos, at,
                false, oomKilled);
    }

    ContainerRecord withPaused(boolean frozen) {
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, frozen, oomKilled);
    }

    ContainerRecord withOomKilled() {
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, paused, true);
    }

    ContainerRecord renamed(String newName) {
        return new ContainerRecord(id, newName, imageId, config, status, pid, exitCode, error, createdNanos,
                startedNanos, finishedNanos, paused, oomKilled);
    }

    ContainerRecord withResources(Resources r) {
        return new ContainerRecord(id, name, imageId, config.withResources(r), status, pid, exitCode, error,
                createdNanos, startedNanos, finishedNanos, paused, oomKilled);
    }

    public boolean running() {
        return status.equals("running");
    }

    /** Docker's {@code State.Status}: {@code paused} for a frozen running container, else the status. */
    public String dockerStatus() {
        return running() && paused ? "paused" : status;
    }

    /** A start was decided and has not yet ended in {@code running} or {@code exited}. */
    public boolean starting() {
        return status.equals("starting");
    }
}
