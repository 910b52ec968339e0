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
import io.cairn.engine.event.ContainerCommitted;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerKilled;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.ContainerStopped;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.StartFailures;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.runtime.spec.Signals;
import io.cairn.engine.runtime.log.LogEntry;
import io.cairn.engine.runtime.log.LogFollower;
import io.cairn.engine.runtime.log.LogQuery;
import io.cairn.engine.runtime.log.LogReader;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.volume.VolumeService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Containers with Docker's semantics. {@code create} makes the writable layer and journals the
 * container; {@code start} mounts overlay(image layers, writable layer), writes the OCI bundle and
 * runs it through the runtime (conmon + runc); a monitor journals the exit code when the process
 * ends, unmounts, and frees the runtime's state. The daemon may die meanwhile: conmon keeps the
 * container and records its exit code, and {@link #reconcile()} catches up at the next start.
 */
public final class ContainerService {

    public static final Set<String> LIST_FILTERS = Set.of("id", "name", "status", "label", "ancestor", "exited");
    private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());
    /** How long stop, kill and rm wait for a start under way to end. */
    private static final int SETTLE_SECONDS = 60;
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Pipeline pipeline;
    private final StateReader state;
    private final ImageService images;
    private final VolumeService volumes;
    private final RootLayout root;
    private final ContainerRuntime runtime;
    private final BundleWriter bundles;
    private final Map<String, Thread> monitors = new ConcurrentHashMap<>();
    /** Exit codes of containers removed since this daemon started, for a {@code wait} that races a {@code --rm}. */
    private final Map<String, Integer> removedExitCodes = new ConcurrentHashMap<>();

    public ContainerService(Pipeline pipeline, StateReader committed, ImageService images, VolumeService volumes,
                            RootLayout root, ContainerRuntime runtime, BundleWriter bundles) {
        this.pipeline = pipeline;
        this.state = committed;
        this.images = images;
        this.volumes = volumes;
        this.root = root;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    // ---- queries

    /** The container a full or short ID or a name designates. */
    public ContainerRecord resolve(String ref) {
        return resolve(state, ref);
    }

    static ContainerRecord resolve(StateReader s, String ref) {
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        byte[] byName = s.get(Families.NAMES, name);
        if (byName != null) {
            return s.read(Families.CONTAINERS, new String(byName, StandardCharsets.UTF_8), ContainerRecord.class);
        }
        if (ref.matches("[0-9a-f]{1,64}")) {
            List<ContainerRecord> matches = new ArrayList<>();
            s.scan(Families.CONTAINERS, ref, (k, v) -> matches.add(s.read(Families.CONTAINERS, k, ContainerRecord.class)));
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
        state.scan(Families.CONTAINERS, "", (k, v) -> all.add(state.read(Families.CONTAINERS, k, ContainerRecord.class)));
        all.sort((a, b) -> Long.compare(b.createdNanos(), a.createdNanos()));
        return all;
    }

    /** {@code docker ps}: running containers, or all with {@code all}; newest first. */
    public List<ContainerRecord> list(boolean all, Filters filters) {
        filters.check(LIST_FILTERS);
        List<ContainerRecord> out = new ArrayList<>();
        for (ContainerRecord c : all()) {
            boolean shown = all || c.running() || filters.has("status") || filters.has("exited");
            if (shown && filters.anyOrAbsent("id", c.id()::startsWith)
                    && filters.anyOrAbsent("name", n -> c.name().contains(n.startsWith("/") ? n.substring(1) : n))
                    && filters.anyOrAbsent("status", c.status()::equals)
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
        s.scan(Families.CONTAINERS, "", (k, v) -> {
            used[0] = s.read(Families.CONTAINERS, k, ContainerRecord.class).imageId().equals(imageId);
            return !used[0];
        });
        return used[0];
    }

    /** True when a container mounts the named volume. */
    public static boolean volumeInUse(StateReader s, String volume) {
        boolean[] used = {false};
        s.scan(Families.CONTAINERS, "", (k, v) -> {
            used[0] = s.read(Families.CONTAINERS, k, ContainerRecord.class).config().mounts().stream()
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
                LogReader.read(log, query, sink);
            }
            return;
        }
        long since = System.currentTimeMillis() * 1_000_000L;
        LogFollower.follow(log, query, LogFollower.Mode.FRAGMENTS, () -> {
            ContainerRecord now = state.read(Families.CONTAINERS, at.id(), ContainerRecord.class);
            if (now == null) {
                return true;
            }
            boolean sameFinishedRun = at.status().equals("exited") && now.startedNanos() == at.startedNanos();
            return sameFinishedRun || (now.status().equals("exited") && now.finishedNanos() >= since);
        }, sink);
    }

    // ---- create

    /** Creates a container; returns its ID. */
    public String create(CreateRequest request, int uid) {
        ImageRecord image = images.resolve(request.image());
        JsonNode config = images.configOf(image).path("config");
        String id = ContainerNames.newId();
        boolean unnamed = request.name() == null || request.name().isEmpty();
        String given = unnamed ? null : ContainerNames.check(request.name());
        List<MountSpec> mounts = new ArrayList<>(request.mounts() == null ? List.of() : request.mounts());
        for (MountSpec m : mounts) {
            if (!m.target().startsWith("/")) {
                throw new InvalidArgumentException("invalid mount target \"" + m.target() + "\": must be an absolute path");
            }
            if (m.type().equals("bind") && !Files.exists(Path.of(m.source()))) {
                throw new InvalidArgumentException("invalid mount config for type \"bind\": bind source path does not exist: "
                        + m.source());
            }
        }
        // the image's VOLUMEs that no mount covers become anonymous volumes, as in Docker
        config.path("Volumes").fieldNames().forEachRemaining(path -> {
            if (mounts.stream().noneMatch(m -> m.target().equals(path))) {
                mounts.add(new MountSpec("volume", "", path, false, List.of()));
            }
        });
        ContainerConfig resolved = resolveConfig(request, config, id, mounts);
        OciBundleWriter.SecurityOptions.parse(resolved.securityOpt()); // refuse bad options at create, as Docker does
        Path dir = directory(id);
        try {
            Trees.createVisible(dir.resolve("upper"), RootfsMount.UPPER_MODE); // the container's "/"
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(dir.resolve("rootfs"));
            Files.createFile(dir.resolve("container.log")); // followers can open it before the first start
        } catch (IOException e) {
            throw new EngineFailureException("cannot create the writable layer of container " + id + ": " + e.getMessage(), e);
        }
        List<MountSpec> withVolumes = new ArrayList<>();
        for (MountSpec m : resolved.mounts()) {
            if (m.type().equals("volume")) {
                Map<String, String> labels = m.source().isEmpty() ? Map.of(VolumeService.ANONYMOUS_LABEL, "") : Map.of();
                String volume = volumes.create(new io.cairn.api.VolumeCreateRequest(
                        m.source().isEmpty() ? null : m.source(), null, null, labels), uid).name();
                withVolumes.add(new MountSpec("volume", volume, m.target(), m.readOnly(), m.options()));
            } else {
                withVolumes.add(m);
            }
        }
        ContainerConfig finalConfig = withMounts(resolved, withVolumes);
        try {
            return pipeline.execute(s -> {
                String name = unnamed ? ContainerNames.unused(id, n -> s.get(Families.NAMES, n) != null) : given;
                byte[] taken = s.get(Families.NAMES, name);
                if (taken != null) {
                    throw new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by container \""
                            + new String(taken, StandardCharsets.UTF_8) + "\". You have to remove (or rename) that container"
                            + " to be able to reuse that name.");
                }
                if (s.get(Families.IMAGES, image.id()) == null) {
                    throw new NotFoundException("No such image: " + request.image());
                }
                return Decision.of(id, new ContainerCreated(id, name, image.id(), finalConfig));
            }, uid);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private static ContainerConfig withMounts(ContainerConfig c, List<MountSpec> mounts) {
        return new ContainerConfig(c.image(), c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user(), c.hostname(),
                c.labels(), mounts, c.readOnly(), c.network(), c.capAdd(), c.capDrop(), c.privileged(), c.securityOpt(),
                c.stopSignal(), c.autoRemove());
    }

    /** Docker's rules: --entrypoint replaces the image's and drops its CMD; a given CMD replaces the image's. */
    static ContainerConfig resolveConfig(CreateRequest r, JsonNode image, String id, List<MountSpec> mounts) {
        List<String> entrypoint = r.entrypoint() != null ? r.entrypoint() : strings(image.path("Entrypoint"));
        List<String> cmd;
        if (r.cmd() != null && !r.cmd().isEmpty()) {
            cmd = r.cmd();
        } else if (r.entrypoint() != null) {
            cmd = List.of();
        } else {
            cmd = strings(image.path("Cmd"));
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw new InvalidArgumentException("No command specified");
        }
        String hostname = r.hostname() == null || r.hostname().isEmpty() ? id.substring(0, 12) : r.hostname();
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : strings(image.path("Env"))) {
            putEnv(env, e);
        }
        env.putIfAbsent("PATH", DEFAULT_PATH.substring(5));
        for (String e : r.env() == null ? List.<String>of() : r.env()) {
            putEnv(env, e);
        }
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        if (r.workingDir() != null && !r.workingDir().isEmpty() && !r.workingDir().startsWith("/")) {
            // Docker refuses it at create too; the runtime would resolve it against a directory of its own
            throw new InvalidArgumentException("the working directory '" + r.workingDir()
                    + "' is invalid, it needs to be an absolute path");
        }
        String workdir = r.workingDir() != null && !r.workingDir().isEmpty() ? r.workingDir()
                : image.path("WorkingDir").asText("");
        String user = r.user() != null && !r.user().isEmpty() ? r.user() : image.path("User").asText("");
        Map<String, String> labels = new LinkedHashMap<>();
        image.path("Labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
        if (r.labels() != null) {
            labels.putAll(r.labels());
        }
        String network = r.network() == null || r.network().isEmpty() ? "none" : r.network();
        if (!network.equals("none") && !network.equals("host")) {
            throw new InvalidArgumentException("network \"" + network + "\" not found: Cairn offers none and host");
        }
        return new ContainerConfig(r.image(), entrypoint, cmd, envList, workdir.isEmpty() ? "/" : workdir, user, hostname,
                labels, mounts, r.readOnly(), network, list(r.capAdd()), list(r.capDrop()), r.privileged(),
                list(r.securityOpt()), image.path("StopSignal").asText("SIGTERM"), r.autoRemove());
    }

    /**
     * One environment entry, by Docker's rule (moby's ReplaceOrAppendEnvValues): {@code NAME=VALUE}
     * sets NAME, {@code NAME} alone unsets it. The daemon never reads its own environment for a
     * container: {@code -e NAME} is the client's to resolve, and it sends NAME alone only when it has
     * no such variable, exactly as Docker's CLI does.
     */
    private static void putEnv(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq == 0) {
            throw new InvalidArgumentException("invalid environment variable: " + entry);
        }
        if (eq < 0) {
            env.remove(entry);
            return;
        }
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    // ---- start, monitor, stop, kill, wait

    /**
     * Mounts a throw-away view of an image's filesystem at {@code dir/merged}: an overlay whose
     * upper directory is {@code dir/upper}, so writes to it never reach the image's layers (the
     * builder's {@code RUN --mount=type=bind,from=…}). Undo with {@link #unmountView}.
     *
     * @param image the image, empty for an empty filesystem
     * @return the mount point
     */
    public Path mountView(Optional<ImageRecord> image, Path dir) throws IOException {
        List<Path> lower = new ArrayList<>();
        if (image.isPresent()) {
            List<String> layers = image.get().layers();
            for (int i = layers.size() - 1; i >= 0; i--) {
                lower.add(images.layerPath(layers.get(i)));
            }
        }
        if (lower.isEmpty()) {
            lower.add(Trees.createVisible(dir.resolve("empty"), RootfsMount.UPPER_MODE));
        }
        Path merged = dir.resolve("merged");
        runtime.mount(new RootfsMount(lower, dir.resolve("upper"), dir.resolve("work"), merged));
        return merged;
    }

    /** Unmounts a view that {@link #mountView} mounted in {@code dir} (idempotent). */
    public void unmountView(Path dir) throws IOException {
        runtime.unmount(dir.resolve("merged"));
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
        boolean mine = pipeline.execute(s -> {
            ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
            if (now == null) {
                throw new NotFoundException("No such container: " + ref);
            }
            if (now.running() || now.starting()) {
                return Decision.of(false);
            }
            return Decision.of(true, new ContainerStarting(id));
        }, uid);
        if (mine) {
            run(state.read(Families.CONTAINERS, id, ContainerRecord.class), uid);
        }
        return mine;
    }

    /** Runs a container this daemon has just marked starting; ends it in running or exited. */
    private void run(ContainerRecord c, int uid) {
        Path dir = directory(c.id());
        Path rootfs = dir.resolve("rootfs");
        List<Path> lower = new ArrayList<>();
        try {
            ImageRecord image = images.resolve(c.imageId());
            for (int i = image.layers().size() - 1; i >= 0; i--) {
                lower.add(images.layerPath(image.layers().get(i)));
            }
            runtime.delete(c.id()); // a previous run's state, if the daemon died before cleaning it
            runtime.mount(new RootfsMount(lower, dir.resolve("upper"), dir.resolve("work"), rootfs));
            bundles.write(c, rootfs, dir, resolveMounts(c));
            runtime.create(c.id(), dir, logFile(c.id()));
            runtime.start(c.id());
        } catch (IOException | RuntimeException e) {
            cleanupRun(c.id());
            CannotRunException failure = StartFailures.classify(c.name(), e);
            int code = failure.exitCode();
            failStart(c.id(), code, StartFailures.reason(failure), uid);
            if (c.config().autoRemove()) {
                removedExitCodes.put(c.id(), code);
                remove(c.id(), true, true, uid);
            }
            throw failure;
        }
        long pid = pidOf(c.id());
        pipeline.execute(s -> Decision.of(null, new ContainerStarted(c.id(), pid)), uid);
        monitor(c.id(), pid);
    }

    /** Ends a start that did not get the process running: the container is exited with {@code code}. */
    private void failStart(String id, int code, String why, int uid) {
        pipeline.execute(s -> {
            ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
            return now != null && now.starting() ? Decision.of(null, new ContainerDied(id, code, why)) : Decision.of(null);
        }, uid);
    }

    /**
     * The container once no start is under way: a start ends in running or exited within the
     * runtime's own time-outs, so stop, kill and rm wait for it as Docker's container lock makes
     * them wait, instead of acting on a half-made run.
     */
    private ContainerRecord settled(ContainerRecord c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        ContainerRecord now = c;
        while (now.starting()) {
            if (System.nanoTime() > deadline) {
                throw new ConflictException("container " + c.name() + " is still starting after " + SETTLE_SECONDS
                        + " s: try again when it runs");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineFailureException("interrupted while container " + c.name() + " starts");
            }
            now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            if (now == null) {
                throw new NotFoundException("No such container: " + c.name());
            }
        }
        return now;
    }

    private long pidOf(String id) {
        try {
            return runtime.pid(id);
        } catch (IOException e) {
            return 0;
        }
    }

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

    /** Watches a running container's process and journals its death, once. */
    private void monitor(String id, long pid) {
        Thread thread = new Thread(() -> {
            try {
                // conmon writes the exit file when the process ends; polling it (≤ 20 ms) reacts far
                // sooner than ProcessHandle.onExit, which polls a non-child every 300 ms
                OptionalInt code = OptionalInt.empty();
                String why = "";
                while (code.isEmpty()) {
                    code = runtime.awaitExit(id, java.time.Duration.ofSeconds(1));
                    if (code.isEmpty() && pid > 0 && !runtime.alive(pid)) {
                        code = awaitExitCode(id); // gone: conmon writes the file right after
                        break;
                    }
                    if (code.isEmpty() && !runtime.monitorAlive(id)) {
                        // conmon was killed: nothing keeps the container's stdio or will record its
                        // exit. As containerd does when a shim dies, the container is killed (by
                        // cleanupRun's runc delete --force) and recorded as killed.
                        code = runtime.exitCode(id);
                        if (code.isEmpty()) {
                            code = OptionalInt.of(128 + 9);
                            why = "the container's monitor (conmon) died: the container was killed";
                        }
                        break;
                    }
                }
                cleanupRun(id);
                // leave before the death is journaled: a start decided right after it needs its own monitor
                monitors.remove(id, Thread.currentThread());
                recordDeath(id, code.orElse(255), code.isPresent() ? why : "exit code not recorded by the monitor", 0);
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
            return runtime.awaitExit(id, java.time.Duration.ofSeconds(2));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private void recordDeath(String id, int code, String why, int uid) {
        ContainerRecord[] removed = {null};
        pipeline.execute(s -> {
            ContainerRecord c = s.read(Families.CONTAINERS, id, ContainerRecord.class);
            if (c == null || !c.running()) {
                return Decision.of(null);
            }
            if (c.config().autoRemove()) {
                removed[0] = c;
            }
            return Decision.of(null, new ContainerDied(id, code, why));
        }, uid);
        if (removed[0] != null) {
            removedExitCodes.put(id, code);
            remove(id, true, true, uid);
        }
    }

    private void cleanupRun(String id) {
        try {
            runtime.delete(id);
        } catch (IOException e) {
            LOG.warning("runtime delete of " + id + ": " + e.getMessage());
        }
        try {
            runtime.unmount(directory(id).resolve("rootfs"));
        } catch (IOException e) {
            LOG.warning("unmount of " + id + ": " + e.getMessage());
        }
    }

    /** Sends a signal (Docker's {@code kill}); the container must be running. */
    public void kill(String ref, int signal, int uid) {
        ContainerRecord c = settled(resolve(ref));
        if (!c.running()) {
            throw new ConflictException("Cannot kill container: " + ref + ": container " + c.id() + " is not running");
        }
        try {
            runtime.kill(c.id(), signal, false);
        } catch (IOException e) {
            throw new EngineFailureException("cannot kill container " + c.name() + ": " + e.getMessage(), e);
        }
        pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), signal)), uid);
    }

    /**
     * Docker's {@code stop}: the stop signal, then SIGKILL after {@code timeoutSeconds}. A start
     * under way is waited for first.
     *
     * @return false when the container was not running (Docker's 304, "container already stopped")
     */
    public boolean stop(String ref, int timeoutSeconds, int uid) {
        ContainerRecord c = settled(resolve(ref));
        if (!c.running()) {
            return false;
        }
        int signal = Signals.number(c.config().stopSignal());
        try {
            runtime.kill(c.id(), signal, false);
            pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), signal)), uid);
            if (!awaitStopped(c.id(), timeoutSeconds * 1000L)) {
                runtime.kill(c.id(), 9, true);
                pipeline.execute(s -> Decision.of(null, new ContainerKilled(c.id(), 9)), uid);
                awaitStopped(c.id(), 10_000);
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot stop container " + c.name() + ": " + e.getMessage(), e);
        }
        if (state.get(Families.CONTAINERS, c.id()) != null) {
            pipeline.execute(s -> Decision.of(null, new ContainerStopped(c.id())), uid);
        }
        return true;
    }

    private boolean awaitStopped(String id, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            ContainerRecord c = state.read(Families.CONTAINERS, id, ContainerRecord.class);
            if (c == null || !c.running()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Docker's {@code wait}: blocks until the container is not running and returns its exit code;
     * for a {@code --rm} container that has started, until it is removed too (so that
     * {@code run --rm} returns with the container gone).
     */
    public int await(String ref) {
        ContainerRecord c = resolve(ref);
        while (true) {
            ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            if (now == null) {
                return removedExitCodes.getOrDefault(c.id(), c.exitCode());
            }
            boolean removalPending = now.config().autoRemove() && now.status().equals("exited")
                    && System.currentTimeMillis() * 1_000_000L - now.finishedNanos() < 10_000_000_000L;
            if (!now.running() && !now.starting() && !removalPending) {
                return now.exitCode();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineFailureException("interrupted while waiting for " + ref);
            }
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
        boolean paused = pause && c.running() && freeze(c.id(), true);
        try {
            return new ImageCommitter(images, root.tmp()).commit(image, directory(c.id()).resolve("upper"),
                    new ImageCommitter.Commit(config, author, message, createdBy, reference, Optional.empty()),
                    id -> List.of(new ContainerCommitted(c.id(), id)), uid);
        } catch (EngineFailureException e) {
            throw new EngineFailureException("commit of container " + c.name() + ": " + e.getMessage(), e);
        } finally {
            if (paused) {
                freeze(c.id(), false);
            }
        }
    }

    private boolean freeze(String id, boolean on) {
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

    /** Docker's {@code diff}: what the writable layer added (A), changed (C) or deleted (D), sorted by path. */
    public List<Change> diff(String ref) {
        ContainerRecord c = resolve(ref);
        ImageRecord image = images.resolve(c.imageId());
        List<Path> lower = new ArrayList<>();
        try {
            for (int i = image.layers().size() - 1; i >= 0; i--) {
                lower.add(images.layerPath(image.layers().get(i)));
            }
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
                removeOnce(settled(c), force, uid);
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
        if (c.running()) {
            if (!force) {
                throw new ConflictException(runningConflict(c));
            }
            try {
                runtime.kill(c.id(), 9, true);
            } catch (IOException e) {
                LOG.warning("kill of " + c.id() + ": " + e.getMessage());
            }
            awaitStopped(c.id(), 10_000);
        }
        pipeline.execute(s -> {
            ContainerRecord now = s.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            if (now == null) {
                return Decision.<Void>of(null);
            }
            if (now.running() || now.starting()) { // started since it was read
                throw new ConflictException(runningConflict(now));
            }
            return Decision.<Void>of(null, new ContainerRemoved(c.id())).then("container:" + c.id(), () -> {
                cleanupRun(c.id());
                Trees.delete(directory(c.id()));
            });
        }, uid);
    }

    private static String runningConflict(ContainerRecord c) {
        return "cannot remove container \"/" + c.name() + "\": container is " + c.status()
                + ": stop the container before removing or force remove";
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
        List<String> changes = new ArrayList<>();
        Set<String> inRuntime = runtimeContainers();
        for (ContainerRecord c : all()) {
            if (c.starting()) {
                changes.add(reconcileStart(c));
                continue; // decided there: running on, or cleaned up and exited
            }
            if (!c.running()) {
                changes.addAll(undoUnacknowledgedRun(c, inRuntime));
                continue;
            }
            RuntimeState rs;
            try {
                rs = runtime.state(c.id());
            } catch (IOException e) {
                rs = RuntimeState.missing();
            }
            if (rs.exists() && rs.status().equals("running")) {
                monitor(c.id(), rs.pid());
                changes.add("container " + c.id() + " still runs (pid " + rs.pid() + "): monitoring it again");
            } else {
                OptionalInt code;
                try {
                    code = runtime.exitCode(c.id());
                } catch (IOException e) {
                    code = OptionalInt.empty();
                }
                cleanupRun(c.id());
                recordDeath(c.id(), code.orElse(255), code.isPresent() ? "" : "exited while the daemon was down; no exit code recorded", 0);
                changes.add("container " + c.id() + " exited while the daemon was down (exit code "
                        + (code.isPresent() ? code.getAsInt() : "unknown") + ")");
            }
        }
        return changes;
    }

    private String reconcileStart(ContainerRecord c) {
        RuntimeState rs;
        OptionalInt code;
        try {
            rs = runtime.state(c.id());
            code = runtime.exitCode(c.id());
        } catch (IOException e) {
            rs = RuntimeState.missing();
            code = OptionalInt.empty();
        }
        if (rs.exists() && rs.status().equals("running")) {
            long pid = rs.pid();
            pipeline.execute(s -> Decision.of(null, new ContainerStarted(c.id(), pid)), 0);
            monitor(c.id(), pid);
            return "container " + c.id() + " was starting when the daemon stopped and runs (pid " + pid + "): monitoring it";
        }
        cleanupRun(c.id());
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
    private List<String> undoUnacknowledgedRun(ContainerRecord c, Set<String> inRuntime) {
        boolean leftovers = inRuntime.contains(c.id());
        try {
            leftovers |= io.cairn.engine.runtime.overlay.MountTable.isMountPoint(
                    directory(c.id()).resolve("rootfs").toAbsolutePath().normalize());
        } catch (IOException e) {
            leftovers = true;
        }
        cleanupRun(c.id());
        return leftovers ? List.of("container " + c.id() + " is " + c.status() + ": removed the runtime state and"
                + " the mount that an interrupted start or clean-up left") : List.of();
    }

    private Set<String> runtimeContainers() {
        try {
            return new java.util.HashSet<>(runtime.list());
        } catch (IOException e) {
            LOG.warning("runtime list: " + e.getMessage());
            return Set.of();
        }
    }

    /** Problems between the containers index and the disk. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (ContainerRecord c : all()) {
            if (!Files.isDirectory(directory(c.id()).resolve("upper"))) {
                problems.add("container " + c.id() + ": writable layer " + directory(c.id()).resolve("upper") + " is missing");
            }
        }
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
