package io.cairn.engine.container;

import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.Healthcheck;
import io.cairn.engine.event.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * A container as the index holds it.
 *
 * @param status          {@code created}, {@code running}, {@code exited}, {@code restarting} (Docker's
 *                        names: exited and waiting out its restart policy's back-off), or {@code starting}
 *                        between a start's decision and its outcome (Cairn's)
 * @param pid             host pid while running, else 0
 * @param exitCode        last exit code (0 before the first run)
 * @param error           why the process could not run, if it could not
 * @param createdNanos    the create event's time
 * @param startedNanos    the last start's time, 0 if never started
 * @param finishedNanos   the last exit's time, 0 if never exited
 * @param paused          a running container whose processes are frozen (Docker's {@code paused}
 *                        status; {@link #running()} stays true, as Docker's {@code State.Running})
 * @param oomKilled       the OOM killer struck during the last run (Docker's {@code State.OOMKilled})
 * @param restartCount    restarts by the restart policy since the last start a user asked for (Docker's)
 * @param manuallyStopped a user stopped or killed it since its last start: no policy restart (Docker's)
 * @param health          the health check's verdict: {@code starting} from a start until the first, then
 *                        {@code healthy} or {@code unhealthy}; empty without a health check
 * @param failingStreak   Docker's {@code State.Health.FailingStreak}: failed probes in a row (0 again at a start)
 * @param healthLog       Docker's {@code State.Health.Log}: the last {@value #HEALTH_LOG} probes, oldest first,
 *                        kept across starts and daemon restarts (replayed from {@code container.health-probe})
 */
public record ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                              int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos,
                              boolean paused, boolean oomKilled, int restartCount, boolean manuallyStopped,
                              String health, int failingStreak, List<HealthProbe> healthLog) {

    /** Probes kept in {@link #healthLog}, as Docker keeps. */
    public static final int HEALTH_LOG = 5;

    /** One probe: start and end (epoch nanoseconds), exit code (-1: timed out), the start of its output. */
    public record HealthProbe(long startNanos, long endNanos, int exitCode, String output) {
    }

    public ContainerRecord {
        health = health == null ? "" : health;
        healthLog = healthLog == null ? List.of() : List.copyOf(healthLog);
    }

    /** A record as it was before the failing streak and probe log were kept. */
    public ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                           int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos,
                           boolean paused, boolean oomKilled, int restartCount, boolean manuallyStopped,
                           String health) {
        this(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos, finishedNanos,
                paused, oomKilled, restartCount, manuallyStopped, health, 0, List.of());
    }

    /** A record never paused, OOM-killed, restarted nor stopped by a user, without a health verdict. */
    public ContainerRecord(String id, String name, String imageId, ContainerConfig config, String status, long pid,
                           int exitCode, String error, long createdNanos, long startedNanos, long finishedNanos) {
        this(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos, finishedNanos,
                false, false, 0, false, "");
    }

    ContainerRecord withHealth(String verdict) {
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, paused, oomKilled, restartCount, manuallyStopped, verdict, failingStreak, healthLog);
    }

    /** A start: a user's resets the restart count (Docker's), the policy's (from restarting) keeps it. */
    ContainerRecord markStarting() {
        int count = restarting() ? restartCount : 0;
        return new ContainerRecord(id, name, imageId, config, "starting", 0, exitCode, error, createdNanos, startedNanos,
                finishedNanos, false, oomKilled, count, false, health, failingStreak, healthLog);
    }

    ContainerRecord started(long newPid, long at) {
        Healthcheck h = config.settings().healthcheck();
        return new ContainerRecord(id, name, imageId, config, "running", newPid, 0, "", createdNanos, at, 0,
                false, false, restartCount, manuallyStopped, h != null && h.enabled() ? "starting" : "", 0, healthLog);
    }

    ContainerRecord died(int code, String why, long at) {
        return new ContainerRecord(id, name, imageId, config, "exited", 0, code, why, createdNanos, startedNanos, at,
                false, oomKilled, restartCount, manuallyStopped, health, failingStreak, healthLog);
    }

    ContainerRecord withPaused(boolean frozen) {
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, frozen, oomKilled, restartCount, manuallyStopped, health, failingStreak, healthLog);
    }

    ContainerRecord withOomKilled() {
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, paused, true, restartCount, manuallyStopped, health, failingStreak, healthLog);
    }

    ContainerRecord renamed(String newName) {
        return new ContainerRecord(id, newName, imageId, config, status, pid, exitCode, error, createdNanos,
                startedNanos, finishedNanos, paused, oomKilled, restartCount, manuallyStopped, health, failingStreak, healthLog);
    }

    ContainerRecord withResources(Resources r) {
        return new ContainerRecord(id, name, imageId, config.withResources(r), status, pid, exitCode, error,
                createdNanos, startedNanos, finishedNanos, paused, oomKilled, restartCount, manuallyStopped, health, failingStreak, healthLog);
    }

    /** A probe's result: the streak the monitor counted, the probe appended to the last {@value #HEALTH_LOG}. */
    ContainerRecord probed(HealthProbe probe, int streak) {
        List<HealthProbe> log = new ArrayList<>(healthLog);
        log.add(probe);
        while (log.size() > HEALTH_LOG) {
            log.remove(0);
        }
        return new ContainerRecord(id, name, imageId, config, status, pid, exitCode, error, createdNanos, startedNanos,
                finishedNanos, paused, oomKilled, restartCount, manuallyStopped, health, streak, log);
    }

    ContainerRecord withRestartPolicy(io.cairn.engine.event.RestartPolicy p) {
        return new ContainerRecord(id, name, imageId, config.withSettings(config.settings().withRestartPolicy(p)), status,
                pid, exitCode, error, createdNanos, startedNanos, finishedNanos, paused, oomKilled, restartCount,
                manuallyStopped, health, failingStreak, healthLog);
    }

    ContainerRecord restartScheduled(int count) {
        return new ContainerRecord(id, name, imageId, config, "restarting", 0, exitCode, error, createdNanos,
                startedNanos, finishedNanos, false, oomKilled, count, manuallyStopped, health, failingStreak, healthLog);
    }

    /** A user's stop or kill: no policy restart until the next start; a pending restart is cancelled. */
    ContainerRecord stopRequested() {
        return new ContainerRecord(id, name, imageId, config, restarting() ? "exited" : status, pid, exitCode, error,
                createdNanos, startedNanos, finishedNanos, paused, oomKilled, restartCount, true, health, failingStreak, healthLog);
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

    /** Exited, with a restart by its policy pending (the back-off). */
    public boolean restarting() {
        return status.equals("restarting");
    }
}
