package io.cairn.engine.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs containers: the overlay root filesystem, and the OCI runtime (runc) under a per-container
 * monitor (conmon) that keeps the container's stdio and log, records its exit code in a file, and
 * outlives the daemon. One instance per root; runc's state lives under that root, so several roots
 * on one host never collide. Every method is idempotent where the name says so, because recovery
 * may call it again for a container whose previous attempt was cut short.
 */
public interface ContainerRuntime {

    /**
     * Mounts {@code overlay(lower…, upper)} at {@code target} (idempotent: an existing mount of the same
     * target is left as it is). Lower directories are given top layer first, as overlayfs wants them;
     * any number up to the kernel's limit (500) is accepted, whatever the length of their paths.
     */
    void mount(RootfsMount mount) throws IOException;

    /** Unmounts {@code target} if it is mounted (idempotent). */
    void unmount(Path target) throws IOException;

    /**
     * Creates the container from the bundle (its {@code config.json} already written, its rootfs
     * mounted): starts conmon, which runs {@code runc create}; returns once the container exists
     * (state {@code created}, its init process waiting), or throws with the runtime's error output.
     */
    default void create(String id, Path bundle, Path logFile) throws IOException {
        create(id, bundle, logFile, ContainerStdio.none(), 0);
    }

    /**
     * As {@link #create(String, Path, Path)}, with the process's standard streams kept as
     * {@code stdio} says; once it returns, {@link #endpoints} can be connected to, before
     * {@link #start} lets the process run (so an attached client misses none of its output). The
     * monitor replaces the log file by a new, empty one (a rename over it) whenever a record would
     * grow it past {@code logSizeMax} bytes (0: never); keeping the replaced files is the caller's
     * ({@code runtime.log.LogRotation}).
     *
     * @throws IOException when this runtime cannot rotate and {@code logSizeMax} is set
     */
    void create(String id, Path bundle, Path logFile, ContainerStdio stdio, long logSizeMax) throws IOException;

    /** Where clients attach to the container's streams ({@link #create} made them). */
    default ContainerStdio.Endpoints endpoints(String id) throws IOException {
        throw new IOException("the runtime " + describe() + " cannot attach");
    }

    /** {@code runc start}: the created container's process runs. */
    void start(String id) throws IOException;

    /** The runtime's view of the container; {@link RuntimeState#missing()} when runc does not know it. */
    RuntimeState state(String id) throws IOException;

    /** Sends {@code signal} to the container's init process (all processes with {@code all}). */
    void kill(String id, int signal, boolean all) throws IOException;

    /** Freezes every process of a running container (cgroup freezer), as {@code commit} does by default. */
    void pause(String id) throws IOException;

    /** Thaws a paused container. */
    void resume(String id) throws IOException;

    /**
     * Applies new limits to a running container's cgroup ({@code runc update}); a limit that is
     * zero is left as it is.
     */
    default void update(String id, io.cairn.engine.runtime.spec.RunOptions.CgroupLimits limits) throws IOException {
        throw new IOException("this runtime cannot change a running container's limits");
    }

    /** Forgets the container in runc and removes conmon's files for it (idempotent). */
    void delete(String id) throws IOException;

    /**
     * The exit code conmon recorded when the container's process ended, or empty while it runs or
     * when it never started. A process killed by signal N is recorded as 128+N, as Docker reports it.
     */
    OptionalInt exitCode(String id) throws IOException;

    /**
     * Waits until conmon records the container's exit code ({@link #exitCode}) or {@code timeout}
     * passes; empty on timeout. For {@code wait} and {@code run}; works for containers created by an
     * earlier daemon too, since it reads the same file.
     */
    OptionalInt awaitExit(String id, Duration timeout) throws IOException;

    /** The pid of the container's init process (0 when unknown). */
    default long pid(String id) throws IOException {
        return state(id).pid();
    }

    /** Whether a process is alive (not a zombie). */
    default boolean alive(long pid) throws IOException {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the container's monitor (conmon) still runs to keep its stdio and record its exit
     * code. A runtime without a separate monitor answers true; so does one that cannot tell.
     */
    default boolean monitorAlive(String id) throws IOException {
        return true;
    }

    /**
     * Starts a process in a running container ({@code runc exec --process SPEC}): it joins the
     * container's namespaces and cgroup and runs under the container's seccomp profile, with the
     * user, capabilities, {@code noNewPrivileges} and AppArmor profile {@code processSpec} (an OCI
     * {@code process} object) names. The returned process is the runtime's: its pipes are the
     * process's stdin, stdout and stderr, and it exits with the process's exit code (128+N when
     * killed by signal N), or 255 when the runtime could not start it, having written why to
     * {@code logFile} (JSON lines). {@code pidFile} receives the process's host pid.
     */
    default Process exec(String id, Path processSpec, Path pidFile, Path logFile) throws IOException {
        return exec(id, processSpec, pidFile, logFile, null);
    }

    /**
     * As {@link #exec(String, Path, Path, Path)}; for a spec with {@code terminal}, {@code terminal} is
     * the slave of a pseudo-terminal the caller holds the master of: the runtime, its stdio on it
     * (in raw mode), relays it to and from the process's own terminal, and on SIGWINCH copies its
     * size there.
     */
    default Process exec(String id, Path processSpec, Path pidFile, Path logFile, Path terminal) throws IOException {
        throw new IOException("the runtime " + describe() + " cannot exec");
    }

    /** Containers runc knows in this root. */
    List<String> list() throws IOException;

    /** The runtime binary in use and its version line. */
    String describe();
}
