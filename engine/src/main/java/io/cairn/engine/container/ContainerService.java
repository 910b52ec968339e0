package io.cairn.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.MountSpec;
import io.cairn.engine.layout.RootLayout;
import io.cairn.api.CannotRunException;
import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.event.ContainerCommitted;
import io.cairn.engine.event.ContainerKilled;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStopped;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.StartFailures;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.runtime.log.LogEntry;
import io.cairn.engine.runtime.log.LogFollower;
import io.cairn.engine.runtime.log.LogQuery;
import io.cairn.engine.runtime.log.LogReader;
import io.cairn.engine.runtime.log.LogRotation;
import io.cairn.engine.runtime.log.LogWatch;
import io.cairn.engine.runtime.spec.Signals;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.volume.VolumeService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import io.cairn.engine.stdio.ClientStdio;
import io.cairn.engine.stdio.TerminalSize;

/**
 * Containers with Docker's semantics. {@code create} makes the writable layer and journals the
 * container; {@code start} mounts overlay(image layers, writable layer), writes the OCI bundle and
 * runs it through the runtime (conmon + runc); a monitor journals the exit code when the process
 * ends, unmounts, and frees the runtime's state. The daemon may die meanwhile: conmon keeps the
 * container and records its exit code, and {@link #reconcile()} catches up at the next start.
 *
 * <p>This class sequences each operation; the parts live apart: {@link ContainerDecisions} decides
 * what the pipeline journals (or refuses), {@link ContainerRunner} does what a run does on the
 * host, {@link ContainerWaits} waits for the indexed event that ends a wait.
 */
public final class ContainerService {

    public static final Set<String> LIST_FILTERS = Set.of("id", "name", "status", "label", "ancestor", "exited");
    private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());
    /** How long stop, kill and rm wait for a start under way to end. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** How long stop and rm -f wait for a SIGKILLed container to be recorded dead. */
    private static final Duration KILLED = Duration.ofSeconds(10);

    private final Pipeline pipeline;
    private final StateReader state;
    /** Listing thousands of containers is mostly decoding them: unchanged records are decoded once. */
    private final io.cairn.engine.state.DecodedRecords<ContainerRecord> decoded =
            new io.cairn.engine.state.DecodedRecords<>(Families.CONTAINERS, ContainerRecord.class);
    private final ImageService images;
    private final VolumeService volumes;
    private final RootLayout root;
    private final ContainerRunner runner;
    private final ContainerWaits waits;
    private final ContainerOperations operations;
    private final ContainerArchive archive;
    private final Attachments attachments;
    private final io.cairn.engine.network.NetworkService networks;
    /** Exit codes of containers removed since this daemon started, for a {@code wait} that races a {@code --rm}. */
    private final Map<String, Integer> removedExitCodes = new ConcurrentHashMap<>();
    private final RestartBackoff backoff = new RestartBackoff();
    private final HealthMonitor health;
    /** Keeps rotated log files of running containers with {@code --log-opt max-size} (see {@link LogRotation}). */
    private final ScheduledExecutorService logRotations = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-log-rotation");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, java.util.concurrent.ScheduledFuture<?>> logTracking = new ConcurrentHashMap<>();
    /** Wakes {@code logs -f} followers: their log changed, or their container's run ended (see {@link #ended(String)}). */
    private final LogWatch logWatch = new LogWatch();
    /** The restarts {@link #reconcile()} found due, run by {@link #resumeRestarts()}. */
    private final List<Runnable> pendingAtStart = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Between {@link #reconcile()} and {@link #resumeRestarts()}: restarts wait for recovery to end. */
    private volatile boolean recovering;
    /** Runs the restarts that restart policies schedule, after their back-off. */
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-restarts");
        t.setDaemon(true);
        return t;
    });

    public ContainerService(Pipeline pipeline, StateReader committed, ImageService images, VolumeService volumes,
                            RootLayout root, ContainerRuntime runtime, BundleWriter bundles,
                            io.cairn.engine.network.NetworkService networks) {
        this.networks = networks;
        this.pipeline = pipeline;
        this.state = committed;
        this.images = images;
        this.volumes = volumes;
        this.root = root;
        this.runner = new ContainerRunner(images, root, runtime, bundles);
        this.waits = new ContainerWaits(committed, pipeline.indexed());
        this.operations = new ContainerOperations(this, pipeline, committed, runner, waits);
        this.archive = new ContainerArchive(this, runner, waits);
        this.health = new HealthMonitor(outcome -> {
            try {
                pipeline.execute(s -> ContainerDecisions.healthProbed(s, outcome), 0);
            } catch (RuntimeException e) {
                LOG.warning("health probe of container " + outcome.id() + ": " + e.getMessage());
            }
        });
        this.attachments = new Attachments(runtime);
        runner.onCreated(attachments::connectPending);
    }

    /** Health probes run through {@code probe} (the engine's exec, made after this service). */
    public void probeWith(io.cairn.engine.runtime.ProcessProbe probe) {
        health.useProbe(probe);
    }

    /** cp's archive endpoints and export. */
    public ContainerArchive archive() {
        return archive;
    }

    /** pause, unpause, rename, restart, update, top and stats. */
    public ContainerOperations operations() {
        return operations;
    }

    // ---- queries

    /** The container a full or short ID or a name designates. */
    public ContainerRecord resolve(String ref) {
        return resolve(state, ref);
    }

    /** The container with exactly this full ID, if it exists. */
    public java.util.Optional<ContainerRecord> find(String id) {
        return java.util.Optional.ofNullable(state.read(Families.CONTAINERS, id, ContainerRecord.class));
    }

    static ContainerRecord resolve(StateReader s, String ref) {
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        byte[] byName = s.get(Families.NAMES, name);
        if (byName != null) {
            // The name and the record go in one batch, but these are two reads: a removal can fall between them.
            ContainerRecord named = s.read(Families.CONTAINERS, new String(byName, StandardCharsets.UTF_8), ContainerRecord.class);
            if (named != null) {
                return named;
            }
        }
        if (ref.matches("[0-9a-f]{1,64}")) {
            List<ContainerRecord> matches = s.list(Families.CONTAINERS, ref, ContainerRecord.class);
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new InvalidArgumentException("multiple containers match the prefix " + ref);
            }
        }
        throw new NotFoundException("No such container: " + ref);
    }

    public List<ContainerRecord> all() {
        List<ContainerRecord> all = new ArrayList<>();
        all.addAll(decoded.list(state));
        all.sort((a, b) -> Long.compare(b.createdNanos(), a.createdNanos()));
        return all;
    }

    /** {@code docker ps}: running containers, or all with {@code all}; newest first. */
    public List<ContainerRecord> list(boolean all, Filters filters) {
        filters.check(LIST_FILTERS);
        List<ContainerRecord> out = new ArrayList<>();
        for (ContainerRecord c : all()) {
            boolean shown = all || c.running() || c.restarting() || filters.has("status") || filters.has("exited");
            if (shown && filters.anyOrAbsent("id", c.id()::startsWith)
                    && filters.anyOrAbsent("name", n -> c.name().contains(n.startsWith("/") ? n.substring(1) : n))
                    && filters.anyOrAbsent("status", c.dockerStatus()::equals)
                    && filters.anyOrAbsent("exited", e -> c.status().equals("exited") && Integer.toString(c.exitCode()).equals(e))
                    && filters.labelsMatch("label", c.config().labels())
                    && filters.anyOrAbsent("ancestor", a -> ancestorMatches(a, c))) {
                out.add(c);
            }
        }
        return out;
    }

    private boolean ancestorMatches(String ancestor, ContainerRecord c) {
        try {
            return images.resolve(ancestor).id().equals(c.imageId());
        } catch (NotFoundException | InvalidArgumentException e) {
            return false;
        }
    }

    /** True when a container (any state) uses the image. */
    public static boolean imageInUse(StateReader s, String imageId) {
        boolean[] used = {false};
        s.scan(Families.CONTAINERS, "", ContainerRecord.class, (k, c) -> {
            used[0] = c.imageId().equals(imageId);
            return !used[0];
        });
        return used[0];
    }

    /** True when a container mounts the named volume. */
    public static boolean volumeInUse(StateReader s, String volume) {
        boolean[] used = {false};
        s.scan(Families.CONTAINERS, "", ContainerRecord.class, (k, c) -> {
            used[0] = c.config().mounts().stream()
                    .anyMatch(m -> m.type().equals("volume") && m.source().equals(volume));
            return !used[0];
        });
        return used[0];
    }

    public Path directory(String id) {
        return root.containers().resolve(id);
    }

    public Path logFile(String id) {
        return directory(id).resolve("container.log");
    }

    /**
     * Sends the container's log to {@code sink}: what {@code query} selects, then, with
     * {@code follow}, every new entry until the run that is current when following starts (or the
     * next one, for a container not started yet) has ended and its output is drained.
     */
    public void logs(String ref, LogQuery query, boolean follow, Consumer<LogEntry> sink) throws IOException {
        ContainerRecord at = resolve(ref);
        Path log = logFile(at.id());
        if (!follow) {
            if (Files.exists(log)) {
                LogReader.read(LogRotation.files(log), query, sink);
            }
            return;
        }
        List<Path> rotated = Files.exists(log) ? LogRotation.files(log) : List.of();
        if (rotated.size() > 1 && query.tail().isEmpty()) {
            // what rotation moved aside comes first; a tail, when following, counts in the live file only
            LogReader.read(rotated.subList(0, rotated.size() - 1), query, sink);
        }
        long since = System.currentTimeMillis() * 1_000_000L;
        LogFollower.follow(log, query, LogFollower.Mode.FRAGMENTS, () -> {
            ContainerRecord now = state.read(Families.CONTAINERS, at.id(), ContainerRecord.class);
            if (now == null) {
                return true;
            }
            boolean sameFinishedRun = at.status().equals("exited") && now.startedNanos() == at.startedNanos();
            return sameFinishedRun || (now.status().equals("exited") && now.finishedNanos() >= since);
        }, logWatch, sink);
    }

    // ---- create

    /** Creates a container; returns its ID. */
    public String create(CreateRequest request, int uid) {
        ImageRecord image = images.resolve(request.image());
        JsonNode config = images.configOf(image).path("config");
        String id = ContainerNames.newId();
        String given = request.name() == null || request.name().isEmpty() ? null : ContainerNames.check(request.name());
        ContainerConfig resolved = ContainerDecisions.resolveConfig(request, config, id,
                ContainerDecisions.mounts(request, config)).withResources(ResourceLimits.check(request.resources()));
        String mode = networks.effective(resolved.network());
        if (mode.startsWith("container:")) {
            resolve(mode.substring(10)); // Docker refuses a container mode naming no container at create
        }
        if ((mode.equals("none") || mode.startsWith("container:")) && !resolved.net().ports().isEmpty()) {
            throw new InvalidArgumentException("conflicting options: port publishing and the container type network mode");
        }
        networks.checkMode(mode, uid);
        Path dir = directory(id);
        try {
            Trees.createVisible(dir.resolve("upper"), RootfsMount.UPPER_MODE); // the container's "/"
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(dir.resolve("rootfs"));
            Files.createFile(dir.resolve("container.log")); // followers can open it before the first start
        } catch (IOException e) {
            throw new EngineFailureException("cannot create the writable layer of container " + id + ": " + e.getMessage(), e);
        }
        ContainerConfig withVolumes = ContainerDecisions.withMounts(resolved, createVolumes(resolved.mounts(), uid));
        try {
            String ip = request.ip() == null ? "" : request.ip();
            List<String> aliases = request.aliases() == null ? List.of() : request.aliases();
            return pipeline.execute(s -> {
                Decision<String> d = ContainerDecisions.create(s, id, given, image.id(), request.image(), withVolumes);
                List<io.cairn.engine.event.Event> events = new ArrayList<>(d.events());
                events.addAll(io.cairn.engine.network.NetworkService.connectAtCreate(s, id, mode, ip, aliases));
                return new Decision<>(events, d.result(), d.effect());
            }, uid);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /** The mounts with a volume created for each: named ones if missing, anonymous ones always. */
    private List<MountSpec> createVolumes(List<MountSpec> mounts, int uid) {
        List<MountSpec> out = new ArrayList<>();
        for (MountSpec m : mounts) {
            if (m.type().equals("volume")) {
                Map<String, String> labels = m.source().isEmpty() ? Map.of(VolumeService.ANONYMOUS_LABEL, "") : Map.of();
                String volume = volumes.create(new VolumeCreateRequest(
                        m.source().isEmpty() ? null : m.source(), null, null, labels), uid).name();
                out.add(new MountSpec("volume", volume, m.target(), m.readOnly(), m.options()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    // ---- start, stop, kill, wait

    /**
     * Mounts a throw-away view of an image's filesystem at {@code dir/merged}: an overlay whose
     * upper directory is {@code dir/upper}, so writes to it never reach the image's layers (the
     * builder's {@code RUN --mount=type=bind,from=…}). Undo with {@link #unmountView}.
     *
     * @param image the image, empty for an empty filesystem
     * @return the mount point
     */
    public Path mountView(Optional<ImageRecord> image, Path dir) throws IOException {
        return runner.mountView(image, dir);
    }

    /** Unmounts a view that {@link #mountView} mounted in {@code dir} (idempotent). */
    public void unmountView(Path dir) throws IOException {
        runner.unmountView(dir);
    }

    /**
     * Starts a created or exited container. Whether this call is the one that starts it is the
     * pipeline's decision, taken in order with every other: the first start of a container that is
     * neither running nor starting journals {@code container.starting} and runs it; a start decided
     * while it is starting or running changes nothing and returns false (Docker's 304, "container
     * already started"). So concurrent starts run the container once, and no second start can tear
     * down the runtime state of the first.
     *
     * @return true when this call started the container, false when it was already started
     */
    public boolean start(String ref, int uid) {
        String id = resolve(ref).id();
        boolean mine = pipeline.execute(s -> ContainerDecisions.start(s, id, ref), uid);
        if (mine) {
            run(state.read(Families.CONTAINERS, id, ContainerRecord.class), uid);
        }
        return mine;
    }

    /** Runs a container this daemon has just marked starting; ends it in running or exited. */
    private void run(ContainerRecord c, int uid) {
        long pid;
        try {
            pid = runner.run(c, networks.attach(c.id(), c.name(), c.config(), directory(c.id()), joined(c), uid));
        } catch (IOException | RuntimeException e) {
            runner.cleanup(c.id());
            attachments.ended(c.id()); // clients waiting for this start stop waiting
            networks.release(c.id(), uid);
            CannotRunException failure = StartFailures.classify(c.name(), e);
            int code = failure.exitCode();
            failStart(c.id(), code, StartFailures.reason(failure), uid);
            if (c.config().autoRemove()) {
                removedExitCodes.put(c.id(), code);
                remove(c.id(), true, true, uid);
            }
            throw failure;
        }
        pipeline.execute(s -> Decision.of(null, new ContainerStarted(c.id(), pid)), uid);
        trackLog(c);
        watchHealth(c);
        runner.monitor(c.id(), pid, this::ended);
    }

    /** For {@code --network container:X}: X's namespace and directory, empty when X does not run. */
    private Optional<Path[]> joined(ContainerRecord c) {
        if (!c.config().network().startsWith("container:")) {
            return Optional.empty();
        }
        ContainerRecord other = resolve(c.config().network().substring(10));
        if (!other.running() || other.pid() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Path[] {Path.of("/proc/" + other.pid() + "/ns/net"), directory(other.id())});
    }

    private void watchHealth(ContainerRecord c) {
        ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
        health.watch(c.id(), c.config().settings().healthcheck(), now == null ? "starting" : now.health(),
                now == null ? 0 : now.failingStreak());
    }

    /** With {@code --log-opt max-size}, keeps the files the monitor's rotation replaces while the container runs. */
    private void trackLog(ContainerRecord c) {
        long maxSize = c.config().settings().logMaxSize();
        if (maxSize <= 0) {
            return;
        }
        int maxFiles = c.config().settings().logMaxFile();
        Path log = logFile(c.id());
        java.util.concurrent.ScheduledFuture<?> task = logRotations.scheduleWithFixedDelay(() -> {
            try {
                LogRotation.track(log, maxFiles);
            } catch (IOException | RuntimeException e) {
                LOG.warning("log rotation of container " + c.id() + ": " + e.getMessage());
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        java.util.concurrent.ScheduledFuture<?> previous = logTracking.put(c.id(), task);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void untrackLog(String id) {
        java.util.concurrent.ScheduledFuture<?> task = logTracking.remove(id);
        if (task != null) {
            task.cancel(false);
            ContainerRecord c = state.read(Families.CONTAINERS, id, ContainerRecord.class);
            try {
                if (c != null) {
                    LogRotation.track(logFile(id), c.config().settings().logMaxFile());
                }
            } catch (IOException e) {
                LOG.warning("log rotation of container " + id + ": " + e.getMessage());
            }
        }
    }

    /** What the monitor reports: the network is torn down, the death journaled (the daemon's, uid 0). */
    private void ended(String id, OptionalInt code, String why, boolean oomKilled) {
        attachments.ended(id);
        networks.release(id, 0);
        health.unwatch(id);
        untrackLog(id);
        recordDeath(id, code.orElse(255), why, oomKilled, 0);
    }

    private void failStart(String id, int code, String why, int uid) {
        pipeline.execute(s -> ContainerDecisions.failStart(s, id, code, why), uid);
        ended(id);
    }

    /** A run ended or the container went (indexed already): its log's followers look whether they are done. */
    private void ended(String id) {
        logWatch.wake(logFile(id));
    }

    /** Journals the death of a running container once; a {@code --rm} container is then removed. */
    private void recordDeath(String id, int code, String why, int uid) {
        recordDeath(id, code, why, false, uid);
    }

    /** As above; with {@code oomKilled}, an {@code oom} event comes first (Docker's order: oom, die). */
    private void recordDeath(String id, int code, String why, boolean oomKilled, int uid) {
        ContainerRecord before = state.read(Families.CONTAINERS, id, ContainerRecord.class);
        long ranNanos = before == null ? 0 : System.currentTimeMillis() * 1_000_000L - before.startedNanos();
        long delay = backoff.next(id, ranNanos);
        ContainerDecisions.Death death = pipeline.execute(s -> ContainerDecisions.died(s, id, code, why, oomKilled, delay),
                uid);
        ended(id);
        switch (death.next()) {
            case REMOVE -> {
                removedExitCodes.put(id, code);
                remove(id, true, true, uid);
            }
            case RESTART -> {
                backoff.taken(id, death.delayMillis());
                scheduleRestart(id, death.restartCount(), death.delayMillis());
            }
            case NOTHING -> {
            }
        }
    }

    /** After {@code delayMillis}, starts the container again if it still waits for restart number {@code count}. */
    private void scheduleRestart(String id, int count, long delayMillis) {
        if (recovering) {
            pendingAtStart.add(() -> scheduleRestart(id, count, delayMillis)); // once recovery is over
            return;
        }
        restarts.schedule(() -> {
            try {
                if (pipeline.execute(s -> ContainerDecisions.restartStart(s, id, count), 0)) {
                    run(state.read(Families.CONTAINERS, id, ContainerRecord.class), 0);
                }
            } catch (RuntimeException e) {
                // a restart that cannot start ends the policy's restarts, as in Docker; its death is journaled
                LOG.warning("restart of container " + id + " (restart " + count + "): " + e.getMessage());
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends a signal (Docker's {@code kill}); the container must be running. */
    public void kill(String ref, int signal, int uid) {
        ContainerRecord c = waits.settled(resolve(ref), SETTLE);
        if (!c.running()) {
            throw new ConflictException("Cannot kill container: " + ref + ": container " + c.id() + " is not running");
        }
        pipeline.execute(s -> ContainerDecisions.stopRequested(s, c.id()), uid);
        try {
            runner.kill(c.id(), signal, false);
        } catch (IOException e) {
            throw new EngineFailureException("cannot kill container " + c.name() + ": " + e.getMessage(), e);
        }
        pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), signal)), uid);
        operations.thawAfterSignal(c, uid);
    }

    /**
     * Docker's {@code stop}: the stop signal, then SIGKILL after {@code timeoutSeconds} (when
     * {@code null}, the container's {@code --stop-timeout}, else 10 s). A start under way is waited for
     * first. The restart policy holds off until the next start; a restart waiting out its back-off is
     * cancelled.
     *
     * @return false when the container was not running (Docker's 304, "container already stopped")
     */
    public boolean stop(String ref, Integer timeoutSeconds, int uid) {
        ContainerRecord c = waits.settled(resolve(ref), SETTLE);
        if (c.restarting()) {
            pipeline.execute(s -> ContainerDecisions.stopRequested(s, c.id()), uid);
            return true;
        }
        if (!c.running()) {
            return false;
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds
                : c.config().settings().stopTimeout() != null ? c.config().settings().stopTimeout() : 10;
        int signal = Signals.number(c.config().stopSignal());
        pipeline.execute(s -> ContainerDecisions.stopRequested(s, c.id()), uid);
        try {
            runner.kill(c.id(), signal, false);
            pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), signal)), uid);
            operations.thawAfterSignal(c, uid);
            if (timeout < 0 ? !waits.stopped(c.id(), Duration.ofDays(365)) : !waits.stopped(c.id(), Duration.ofSeconds(timeout))) {
                runner.kill(c.id(), 9, true);
                pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), 9)), uid);
                waits.stopped(c.id(), KILLED);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot stop container " + c.name() + ": " + e.getMessage(), e);
        }
        if (state.get(Families.CONTAINERS, c.id()) != null) {
            pipeline.execute(s -> Decision.of(null, new ContainerStopped(c.id())), uid);
        }
        return true;
    }

    /**
     * Docker's {@code wait}: blocks until the container is not running and returns its exit code;
     * for a {@code --rm} container that has started, until it is removed too (so that
     * {@code run --rm} returns with the container gone). Wakes when the event that ends it is
     * indexed; an interrupt ends it with an {@link EngineFailureException}.
     */
    public int await(String ref) {
        return await(ref, WaitCondition.NOT_RUNNING);
    }

    /** Docker's {@code wait?condition=}: see {@link ContainerWaits#exitCode(ContainerRecord, String, WaitCondition, java.util.function.IntSupplier)}. */
    public int await(String ref, WaitCondition condition) {
        return await(resolve(ref), ref, condition);
    }

    /** As {@link #await(String, WaitCondition)}, {@code next-exit} counting from {@code seen}, the container as read earlier. */
    public int await(ContainerRecord seen, String ref, WaitCondition condition) {
        return waits.exitCode(seen, ref, condition, () -> removedExitCodes.getOrDefault(seen.id(), seen.exitCode()));
    }

    // ---- attach

    /**
     * Checks an attach request before the client's connection is hijacked (so that refusals are HTTP
     * errors): the container exists, and stdin is asked for only with a container that keeps one.
     *
     * @return the container
     */
    public ContainerRecord attachable(String ref, boolean stdin, String detachKeys) {
        ContainerRecord c = resolve(ref);
        io.cairn.api.DetachKeys.parse(detachKeys);
        return c;
    }

    /**
     * Docker's attach: serves {@code client} with the container's streams until its output ends
     * (the process exited), the client detaches with {@code detachKeys} (Docker's syntax; empty for
     * Ctrl-P Ctrl-Q; watched for on a terminal only, as Docker does) or goes. A container that does not run yet is waited for: the client connects
     * when the runtime has created it, before its process runs. stdin reaches the process only when
     * the container was created with {@code OpenStdin}.
     *
     * @return true when the client detached
     */
    public boolean attach(String ref, boolean stdin, boolean stdout, boolean stderr, String detachKeys,
                          ClientStdio client) {
        ContainerRecord c = resolve(ref);
        byte[] keys = io.cairn.api.DetachKeys.parse(detachKeys); // checked either way: a bad one is a 400
        // Docker watches for the keys on a terminal only: piped input (binary data) passes untouched
        return attachments.attach(c.id(), c.running(), new Attachments.Streams(stdin && c.config().openStdin(), stdout,
                stderr, c.config().tty() ? keys : new byte[0]), client);
    }

    /**
     * Docker's resize: the container's terminal gets {@code size} (the process sees SIGWINCH).
     *
     * @throws ConflictException when it is not running
     * @throws InvalidArgumentException when it has no terminal
     */
    public void resize(String ref, TerminalSize size) {
        ContainerRecord c = resolve(ref);
        if (!c.config().tty()) {
            throw new InvalidArgumentException("container " + c.name() + " has no terminal to resize (created without -t)");
        }
        if (!c.running()) {
            throw new ConflictException("Container " + c.id() + " is not running");
        }
        try {
            attachments.resize(c.id(), size);
        } catch (IOException e) {
            throw new EngineFailureException("cannot resize the terminal of " + c.name() + ": " + e.getMessage(), e);
        }
    }

    // ---- commit, diff

    /**
     * Docker's {@code commit}: the writable layer becomes a new layer on the container's image; the
     * new config is the container's (command, env, workdir, user, labels) with {@code changes}
     * applied. The image the container came from is not modified.
     */
    public String commit(String ref, List<String> changes, String author, String message, Optional<String> reference,
                         boolean pause, int uid) {
        ContainerRecord c = resolve(ref);
        ImageRecord image = images.resolve(c.imageId());
        Map<String, Object> config = ImageContentConfig.fromContainer(images.configOf(image).path("config"), c.config());
        config = ConfigChanges.apply(config, changes);
        String createdBy = String.join(" ", c.config().argv());
        // a running container is frozen while its writable layer is read, so the layer is consistent
        // (one the user paused is frozen already, and stays so)
        boolean paused = pause && c.running() && !c.paused() && runner.freeze(c.id(), true);
        try {
            return new ImageCommitter(images, root.tmp()).commit(image, directory(c.id()).resolve("upper"),
                    new ImageCommitter.Commit(config, author, message, createdBy, reference, Optional.empty()),
                    id -> List.of(new ContainerCommitted(c.id(), id)), uid);
        } catch (EngineFailureException e) {
            throw new EngineFailureException("commit of container " + c.name() + ": " + e.getMessage(), e);
        } finally {
            if (paused) {
                runner.freeze(c.id(), false);
            }
        }
    }

    /** Docker's {@code diff}: what the writable layer added (A), changed (C) or deleted (D), sorted by path. */
    public List<Change> diff(String ref) {
        ContainerRecord c = resolve(ref);
        ImageRecord image = images.resolve(c.imageId());
        try {
            List<Path> lower = runner.lowerDirs(image);
            return WritableLayer.changes(directory(c.id()).resolve("upper"), lower);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the writable layer of " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /** One line of {@code diff}: kind 0 changed, 1 added, 2 deleted (Docker's numbering). */
    public record Change(String path, int kind) {
    }

    // ---- remove, prune

    /**
     * Docker's {@code rm}: a running container needs {@code force} (which kills it); {@code -v}
     * removes its anonymous volumes. The removal is decided in the pipeline, refused while the
     * container runs or starts; the runtime's state and the directory are cleaned only after it,
     * so a start that won the race is never torn down under it.
     */
    public void remove(String ref, boolean force, boolean removeVolumes, int uid) {
        ContainerRecord first = resolve(ref);
        ContainerRecord c = first;
        // with force, a start decided between the kill and the removal is killed too (bounded: each
        // lap means another start won the race, and rm -f is meant to win in the end)
        for (int lap = 1; c != null; lap++) {
            try {
                removeOnce(waits.settled(c, SETTLE), force, uid);
                break;
            } catch (ConflictException startedMeanwhile) {
                if (!force || lap == 5) {
                    throw startedMeanwhile;
                }
                c = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            }
        }
        if (removeVolumes) {
            for (MountSpec m : first.config().mounts()) {
                if (m.type().equals("volume")) {
                    try {
                        if (volumes.inspect(m.source()).labels().containsKey(VolumeService.ANONYMOUS_LABEL)) {
                            volumes.remove(m.source(), true, uid);
                        }
                    } catch (NotFoundException | ConflictException e) {
                        // gone already, or another container uses it
                    }
                }
            }
        }
    }

    private void removeOnce(ContainerRecord c, boolean force, int uid) {
        if (c.restarting() && !force) {
            throw new ConflictException("You cannot remove a restarting container " + c.id()
                    + ". Stop the container before attempting removal or force remove");
        }
        backoff.forget(c.id());
        if (c.running()) {
            if (!force) {
                throw new ConflictException(ContainerDecisions.runningConflict(c));
            }
            try {
                runner.kill(c.id(), 9, true);
            } catch (IOException e) {
                LOG.warning("kill of " + c.id() + ": " + e.getMessage());
            }
            waits.stopped(c.id(), KILLED);
        }
        networks.release(c.id(), uid);
        pipeline.execute(s -> {
            Decision<Void> d = ContainerDecisions.remove(s, c.id(), () -> {
                runner.cleanup(c.id());
                runner.forget(c.id());
                Trees.delete(directory(c.id()));
            });
            List<io.cairn.engine.event.Event> events = new ArrayList<>(d.events());
            if (!events.isEmpty()) {
                events.addAll(io.cairn.engine.network.NetworkService.disconnectAll(s, c.id()));
            }
            return new Decision<>(events, d.result(), d.effect());
        }, uid);
        ended(c.id());
    }

    /** Removes every stopped container; returns their IDs. */
    public List<String> prune(Filters filters, int uid) {
        List<String> removed = new ArrayList<>();
        for (ContainerRecord c : all()) {
            if (!c.running() && !c.starting() && filters.labelsMatch("label", c.config().labels())) {
                try {
                    remove(c.id(), false, false, uid);
                    removed.add(c.id());
                } catch (ConflictException | NotFoundException raced) {
                    // started or removed meanwhile
                }
            }
        }
        return removed;
    }

    // ---- recovery

    /**
     * After a daemon restart: containers the index thinks are running are checked against the
     * runtime; one that exited meanwhile gets the exit code conmon recorded, one still running is
     * monitored again. A start the daemon died in the middle of ends as runc left it: running (and
     * monitored), or exited with conmon's exit code, else 126. One the index does not count as
     * running loses whatever of a run it still has. Created containers whose directory is missing
     * are reported by check.
     */
    public List<String> reconcile() {
        recovering = true;
        List<String> changes = new ArrayList<>();
        Set<String> inRuntime = runner.known();
        // one read of the mount table for every stopped container: a read per container made a start
        // with 10,000 containers take seconds (nothing mounts while the engine opens)
        Set<Path> mounted = runner.mountPoints();
        for (ContainerRecord c : all()) {
            if (c.starting()) {
                changes.add(reconcileStart(c));
                continue; // decided there: running on, or cleaned up and exited
            }
            if (!c.running()) {
                changes.addAll(undoUnacknowledgedRun(c, inRuntime, mounted));
                changes.addAll(restartAtDaemonStart(c));
                continue;
            }
            RuntimeState rs = runner.state(c.id());
            if (rs.exists() && (rs.status().equals("running") || rs.status().equals("paused"))) {
                trackLog(c);
                watchHealth(c);
                runner.monitor(c.id(), rs.pid(), this::ended);
                changes.add("container " + c.id() + " still runs (pid " + rs.pid() + "): monitoring it again");
            } else {
                OptionalInt code = runner.recordedExitCode(c.id());
                boolean oom = runner.oomKilled(c.id());
                runner.cleanup(c.id());
                networks.release(c.id(), 0);
                recordDeath(c.id(), code.orElse(255), code.isPresent() ? "" : "exited while the daemon was down; no exit code recorded",
                        oom, 0);
                changes.add("container " + c.id() + " exited while the daemon was down (exit code "
                        + (code.isPresent() ? code.getAsInt() : "unknown") + ")");
            }
        }
        changes.addAll(networks.reconcile(id -> {
            ContainerRecord now = state.read(Families.CONTAINERS, id, ContainerRecord.class);
            return now != null && (now.running() || now.starting());
        }));
        return changes;
    }

    /**
     * A container waiting out its back-off when the daemon stopped is restarted now; an exited one
     * whose policy brings it back when the daemon starts ({@link RestartRules#restartsAtDaemonStart})
     * is started. Both happen on the restarts thread, once recovery is over; replay itself never
     * restarts anything.
     */
    private List<String> restartAtDaemonStart(ContainerRecord c) {
        if (c.restarting()) {
            pendingAtStart.add(() -> scheduleRestart(c.id(), c.restartCount(), RestartBackoff.FIRST_MILLIS));
            return List.of("container " + c.id() + " was waiting to restart: restarting it");
        }
        if (RestartRules.restartsAtDaemonStart(c.config().settings().restartPolicy(), c)) {
            pendingAtStart.add(() -> restarts.execute(() -> {
                try {
                    start(c.id(), 0);
                } catch (RuntimeException e) {
                    LOG.warning("restart of container " + c.id() + " at daemon start: " + e.getMessage());
                }
            }));
            return List.of("container " + c.id() + " has restart policy " + c.config().settings().restartPolicy().name()
                    + ": starting it");
        }
        return List.of();
    }

    /** Starts what {@link #reconcile()} found to restart; the engine calls it once recovery is over. */
    public void resumeRestarts() {
        recovering = false;
        List<Runnable> pending = List.copyOf(pendingAtStart);
        pendingAtStart.clear();
        pending.forEach(Runnable::run);
    }

    private String reconcileStart(ContainerRecord c) {
        RuntimeState rs = runner.state(c.id());
        if (rs.exists() && rs.status().equals("running")) {
            long pid = rs.pid();
            pipeline.execute(s -> Decision.of(null, new ContainerStarted(c.id(), pid)), 0);
            trackLog(c);
            watchHealth(c);
            runner.monitor(c.id(), pid, this::ended);
            return "container " + c.id() + " was starting when the daemon stopped and runs (pid " + pid + "): monitoring it";
        }
        OptionalInt code = runner.recordedExitCode(c.id());
        runner.cleanup(c.id());
        networks.release(c.id(), 0);
        failStart(c.id(), code.orElse(126), code.isPresent() ? "" : "the daemon stopped while starting the container", 0);
        return "container " + c.id() + " was starting when the daemon stopped; it did not run on (exit code "
                + (code.isPresent() ? code.getAsInt() : "126") + ")";
    }

    /**
     * A container the index does not count as running may still have what a start cut short by a
     * crash made (its rootfs mount, conmon, a runc container, even a running process: the start was
     * never acknowledged), or what a cut-short clean-up left. The index is the truth: all of it goes
     * ({@code runc delete --force}, conmon's files, the unmount), which for a clean container costs
     * a few file checks.
     */
    private List<String> undoUnacknowledgedRun(ContainerRecord c, Set<String> inRuntime, Set<Path> mounted) {
        boolean rootfs = runner.rootfsMounted(c.id(), mounted);
        boolean leftovers = inRuntime.contains(c.id()) || rootfs;
        runner.cleanup(c.id(), rootfs);
        return leftovers ? List.of("container " + c.id() + " is " + c.status() + ": removed the runtime state and"
                + " the mount that an interrupted start or clean-up left") : List.of();
    }

    /** Problems between the containers index and the disk. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (ContainerRecord c : all()) {
            if (!Files.isDirectory(directory(c.id()).resolve("upper"))) {
                problems.add("container " + c.id() + ": writable layer " + directory(c.id()).resolve("upper") + " is missing");
            }
        }
        problems.addAll(networks.check());
        return problems;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            LOG.warning("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
