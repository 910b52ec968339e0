package io.cairn.engine.exec;

import java.util.OptionalInt;

/**
 * One exec session as {@code GET /exec/{id}/json} shows it. Thread-safe: the session's process
 * runs on a thread of its own while inspect reads it.
 */
public final class ExecSession {
    private final String id;
    private final String containerId;
    private final ExecRequest request;
    private final boolean audited;
    private boolean started;
    private boolean running;
    private long pid;
    private Integer exitCode;
    private io.cairn.storage.posix.Pty terminal;
    private long relay;

    ExecSession(String id, String containerId, ExecRequest request, boolean audited) {
        this.id = id;
        this.containerId = containerId;
        this.request = request;
        this.audited = audited;
    }

    /** Whether the session's exec events are journaled (a user's exec; a health probe's are not). */
    boolean audited() {
        return audited;
    }

    public String id() {
        return id;
    }

    public String containerId() {
        return containerId;
    }

    public ExecRequest request() {
        return request;
    }

    /** Marks the session started; false when it had been already (an exec starts once). */
    synchronized boolean markStarted() {
        if (started) {
            return false;
        }
        started = true;
        return true;
    }

    synchronized void running(long processPid) {
        running = true;
        pid = processPid;
    }

    /** The session's terminal and the pid of the runtime process that relays it. */
    synchronized void terminal(io.cairn.storage.posix.Pty pty, long relayPid) {
        terminal = pty;
        relay = relayPid;
    }

    synchronized long relay() {
        return relay;
    }

    /** The session's terminal while it runs with one; null otherwise. */
    synchronized io.cairn.storage.posix.Pty terminal() {
        return running ? terminal : null;
    }

    synchronized void pid(long processPid) {
        if (processPid > 0) {
            pid = processPid;
        }
    }

    synchronized void ended(int code) {
        running = false;
        exitCode = code;
        notifyAll();
    }

    public synchronized boolean running() {
        return running;
    }

    public synchronized long pid() {
        return pid;
    }

    /** The exit code once the process ended; empty before. */
    public synchronized OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}
