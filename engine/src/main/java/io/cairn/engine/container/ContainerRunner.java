package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.runtime.cgroup.ContainerCgroup;
import io.cairn.engine.runtime.overlay.MountTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The runtime part of {@link ContainerService}: what a container's run does on the host — the
 * overlay root filesystem, the OCI bundle, runc under conmon, the monitor that learns of the
 * process's end — and the clean-up after it. It decides nothing and journals nothing: the service
 * tells it what to do once the pipeline has decided, and hears from it through {@link Exit}.
 */
final class ContainerRunner {

    private static final Logger LOG = Logger.getLogger(ContainerRunner.class.getName());

    /** Hears how a monitored container ended, after its run was cleaned up. */
    @FunctionalInterface
    interface Exit {
        /**
         * @param code the exit code, empty when nothing recorded it
         * @param why  why the code is what it is, empty for a plain exit
         * @param oomKilled the OOM killer killed a process of the container during the run
         */
        void ended(String id, OptionalInt code, String why, boolean oomKilled);
    }

    private final ImageService images;
    private final RootLayout root;
    private final ContainerRuntime runtime;
    private final BundleWriter bundles;
    private final Map<String, Thread> monitors = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Hears that a container was created in the runtime and is about to start (clients attach then). */
    private volatile java.util.function.Consumer<String> created = id -> { };

    ContainerRunner(ImageService images, RootLayout root, ContainerRuntime runtime, BundleWriter bundles) {
        this.images = images;
        this.root = root;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    void onCreated(java.util.function.Consumer<String> listener) {
        created = listener;
    }

    Path directory(String id) {
        return root.containers().resolve(id);
    }

    Path logFile(String id) {
        return directory(id).resolve("container.log");
    }

    // ---- views (the builder's RUN --mount=from)

    /** See {@link ContainerService#mountView}. */
    Path mountView(Optional<ImageRecord> image, Path dir) throws IOException {
        List<Path> lower = image.isPresent() ? lowerDirs(image.get()) : new ArrayList<>();
        if (lower.isEmpty()) {
            lower.add(Trees.createVisible(dir.resolve("empty"), RootfsMount.UPPER_MODE));
        }
        Path merged = dir.resolve("merged");
        runtime.mount(new RootfsMount(lower, dir.resolve("upper"), dir.resolve("work"), merged));
        return merged;
    }

    void unmountView(Path dir) throws IOException {
        runtime.unmount(dir.resolve("merged"));
    }

    /** An image's layer directories, top first, as overlay's lowerdir lists them. */
    List<Path> lowerDirs(ImageRecord image) throws IOException {
        List<Path> lower = new ArrayList<>();
        for (int i = image.layers().size() - 1; i >= 0; i--) {
            lower.add(images.layerPath(image.layers().get(i)));
        }
        return lower;
    }

    // ---- a run

    /**
     * Runs a container the pipeline has just marked starting: mounts its root filesystem, writes
     * its bundle, creates and starts it in runc under conmon.
     *
     * @return the pid of its init process, 0 when unknown
     * @throws IOException or a runtime exception when it did not start; the caller cleans up
     */
    long run(ContainerRecord c, io.cairn.engine.network.RunNetwork net) throws IOException {
        synchronized (lock(c.id())) { // a cp into the stopped container mounts the same rootfs: not both at once
            return runLocked(c, net);
        }
    }

    /**
     * The lock that {@link #run} holds while it mounts and starts: held by whoever mounts the root
     * filesystem of a container that does not run ({@link #mountStopped}).
     */
    Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    /** Mounts a stopped container's root filesystem at its {@code rootfs} (caller holds {@link #lock}). */
    Path mountStopped(ContainerRecord c) throws IOException {
        Path dir = directory(c.id());
        Path rootfs = dir.resolve("rootfs");
        runtime.mount(new RootfsMount(lowerDirs(images.resolve(c.imageId())), dir.resolve("upper"), dir.resolve("work"),
                rootfs));
        return rootfs;
    }

    /** Undoes {@link #mountStopped} (caller holds {@link #lock}). */
    void unmountStopped(String id) throws IOException {
        runtime.unmount(directory(id).resolve("rootfs"));
    }

    private long runLocked(ContainerRecord c, io.cairn.engine.network.RunNetwork net) throws IOException {
        Path dir = directory(c.id());
        Path rootfs = dir.resolve("rootfs");
        List<Path> lower = lowerDirs(images.resolve(c.imageId()));
        runtime.delete(c.id()); // a previous run's state, if the daemon died before cleaning it
        runtime.mount(new RootfsMount(lower, dir.resolve("upper"), dir.resolve("work"), rootfs));
        bundles.write(c, rootfs, dir, resolveMounts(c), net);
        runtime.create(c.id(), dir, logFile(c.id()), new io.cairn.engine.runtime.ContainerStdio(c.config().openStdin(),
                c.config().stdinOnce(), c.config().tty()), c.config().settings().logMaxSize());
        created.accept(c.id()); // attached clients connect before the process runs
        runtime.start(c.id());
        try {
            return runtime.pid(c.id());
        } catch (IOException e) {
            return 0;
        }
    }

    /** Host paths for a container's mounts. */
    List<BundleWriter.ResolvedMount> resolveMounts(ContainerRecord c) {
        List<BundleWriter.ResolvedMount> out = new ArrayList<>();
        for (MountSpec m : c.config().mounts()) {
            Path source = switch (m.type()) {
                case "bind" -> Path.of(m.source());
                case "volume" -> root.volumes().resolve(m.source());
                default -> null;
            };
            out.add(new BundleWriter.ResolvedMount(m.type(), source, m.target(), m.readOnly(), m.options()));
        }
        return out;
    }

    /** Forgets a removed container's lock (a later lookup makes a new one, which nothing else holds). */
    void forget(String id) {
        locks.remove(id);
    }

    /** Frees what a run holds: runc's and conmon's state, the rootfs mount (idempotent, never throws). */
    void cleanup(String id) {
        cleanup(id, true);
    }

    /** {@link #cleanup(String)}, with the unmount only when {@code mounted} (the caller read the mount table). */
    void cleanup(String id, boolean mounted) {
        try {
            runtime.delete(id);
        } catch (IOException e) {
            LOG.warning("runtime delete of " + id + ": " + e.getMessage());
        }
        if (!mounted) {
            return;
        }
        try {
            runtime.unmount(directory(id).resolve("rootfs"));
        } catch (IOException e) {
            LOG.warning("unmount of " + id + ": " + e.getMessage());
        }
    }

    /**
     * Watches a running container's process on a thread of its own (one per container), cleans up
     * its run when it ends and tells {@code exit}.
     */
    void monitor(String id, long pid, Exit exit) {
        Thread thread = new Thread(() -> {
            try {
                // conmon writes the exit file when the process ends; waiting on it (≤ 20 ms) reacts far
                // sooner than ProcessHandle.onExit, which polls a non-child every 300 ms
                OptionalInt code = OptionalInt.empty();
                String why = "";
                while (code.isEmpty()) {
                    code = runtime.awaitExit(id, Duration.ofSeconds(1));
                    if (code.isEmpty() && pid > 0 && !runtime.alive(pid)) {
                        code = awaitExitCode(id); // gone: conmon writes the file right after
                        break;
                    }
                    if (code.isEmpty() && !runtime.monitorAlive(id)) {
                        // conmon was killed: nothing keeps the container's stdio or will record its
                        // exit. As containerd does when a shim dies, the container is killed (by
                        // cleanup's runc delete --force) and recorded as killed.
                        code = runtime.exitCode(id);
                        if (code.isEmpty()) {
                            code = OptionalInt.of(128 + 9);
                            why = "the container's monitor (conmon) died: the container was killed";
                        }
                        break;
                    }
                }
                boolean oom = oomKilled(id); // before cleanup: runc delete removes the cgroup that counts it
                cleanup(id);
                // leave before the death is journaled: a start decided right after it needs its own monitor
                monitors.remove(id, Thread.currentThread());
                exit.ended(id, code, code.isPresent() ? why : "exit code not recorded by the monitor", oom);
            } catch (IOException | RuntimeException e) {
                LOG.warning("monitor of container " + id + ": " + e);
            } finally {
                monitors.remove(id, Thread.currentThread());
            }
        }, "cairn-monitor-" + id.substring(0, 12));
        thread.setDaemon(true);
        if (monitors.putIfAbsent(id, thread) == null) {
            thread.start();
        }
    }

    /** The exit code once conmon has written it (it does right after the process ends), within 2 s. */
    private OptionalInt awaitExitCode(String id) {
        try {
            return runtime.awaitExit(id, Duration.ofSeconds(2));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether the OOM killer struck in the container's cgroup (readable until {@link #cleanup}). */
    boolean oomKilled(String id) {
        return ContainerCgroup.of(id).oomKills() > 0;
    }

    /** The container's cgroup (exists while it runs). */
    ContainerCgroup cgroup(String id) {
        return ContainerCgroup.of(id);
    }

    /** Applies new limits to a running container. */
    void update(String id, io.cairn.engine.event.Resources r) throws IOException {
        runtime.update(id, OciBundleWriter.cgroupLimits(r));
    }

    // ---- signals and the freezer

    void kill(String id, int signal, boolean all) throws IOException {
        runtime.kill(id, signal, all);
    }

    /** Freezes ({@code on}) or thaws a running container's processes; true once done. */
    boolean freeze(String id, boolean on) {
        try {
            if (on) {
                runtime.pause(id);
            } else {
                runtime.resume(id);
            }
            return true;
        } catch (IOException e) {
            throw new EngineFailureException((on ? "cannot pause" : "cannot resume") + " container " + id + ": "
                    + e.getMessage(), e);
        }
    }

    // ---- what a restart finds

    /** The runtime's view of a container, missing when the runtime cannot tell. */
    RuntimeState state(String id) {
        try {
            return runtime.state(id);
        } catch (IOException e) {
            return RuntimeState.missing();
        }
    }

    /** The exit code conmon recorded, empty when none (or unreadable). */
    OptionalInt recordedExitCode(String id) {
        try {
            return runtime.exitCode(id);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The containers the runtime knows, empty when it cannot list them. */
    Set<String> known() {
        try {
            return new HashSet<>(runtime.list());
        } catch (IOException e) {
            LOG.warning("runtime list: " + e.getMessage());
            return Set.of();
        }
    }

    /**
     * Every mount point of this process's mount table, read once for many {@link #rootfsMounted(String, Set)}
     * questions; null when it cannot be read (then every rootfs counts as mounted).
     */
    Set<Path> mountPoints() {
        try {
            Set<Path> points = new HashSet<>();
            for (MountTable.Entry e : MountTable.read()) {
                points.add(e.mountPoint());
            }
            return points;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the container's rootfs is among {@code mountPoints} ({@link #mountPoints()}; null: it may be). */
    boolean rootfsMounted(String id, Set<Path> mountPoints) {
        return mountPoints == null
                || mountPoints.contains(directory(id).resolve("rootfs").toAbsolutePath().normalize());
    }
}
