package io.cairn.engine.runtime.runc;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.RuntimeProbe;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.fs.DirectoryWatch;
import io.cairn.engine.runtime.overlay.OverlayMounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * {@link ContainerRuntime} over conmon and runc (or any runtime with runc's command line).
 *
 * <p>Layout under {@link RuncOptions#stateDir()}: {@code runc/} is runc's {@code --root};
 * {@code exits/ID} conmon's exit files; {@code conmon/ID/} conmon's pid files, runc's JSON log of the
 * create and conmon's early stderr. Attach sockets live in {@link RuncOptions#socketDir()}. All
 * of it is found again by a restarted daemon: nothing is kept in memory.
 */
public final class ConmonRuncRuntime implements ContainerRuntime {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (RuncOptions.MAX_ID - 1) + "}");
    private static final ObjectMapper JSON = Mappers.STRICT;

    private final RuncOptions options;
    private final Path runtimeBinary;
    private final RuncCli runc;
    private final ConmonLauncher launcher;
    private final OverlayMounter mounter;
    private final java.util.concurrent.CompletableFuture<RuntimeProbe.Found> found = new java.util.concurrent.CompletableFuture<>();

    /** Resolves both binaries now, so that a missing one is reported at start-up, by name. */
    public ConmonRuncRuntime(RuncOptions options) throws IOException {
        this(options, new OverlayMounter());
    }

    public ConmonRuncRuntime(RuncOptions options, OverlayMounter mounter) throws IOException {
        this.options = options;
        this.runtimeBinary = RuntimeProbe.locate(options.runtime()).orElseThrow(() -> notFound(options.runtime(), "OCI runtime"));
        // The version is asked on a thread of its own: the first process a JVM starts costs it 15-60 ms
        // (the launch mechanism's set-up), which a daemon's start need not wait for; /info and the
        // description wait for it instead
        Thread probe = new Thread(() -> {
            try {
                found.complete(RuntimeProbe.found(options.runtime(), runtimeBinary));
            } catch (RuntimeException | Error e) {
                // never left incomplete: /info and describe() wait for it
                found.complete(new RuntimeProbe.Found(options.runtime(), runtimeBinary.toString(), "unknown (" + e + ")"));
            }
        }, "cairn-runtime-probe");
        probe.setDaemon(true);
        probe.start();
        // conmon's path is all we need: no --version run for it
        Path conmonBinary = RuntimeProbe.locate(options.conmon()).orElseThrow(() -> notFound(options.conmon(), "conmon"));
        this.runc = new RuncCli(runtimeBinary, options.stateDir().resolve("runc"));
        this.launcher = new ConmonLauncher(conmonBinary, runtimeBinary, options, runc.root());
        this.mounter = mounter;
    }

    private static IOException notFound(String name, String what) {
        return new IOException(what + " '" + name + "' not found on PATH (" + System.getenv("PATH") + ")");
    }

    /** The runtime binary as found at start: name, path and version (for {@code cairn info}); waits for the version. */
    public RuntimeProbe.Found found() {
        return found.join();
    }

    public RuncOptions options() {
        return options;
    }

    @Override
    public void mount(RootfsMount mount) throws IOException {
        mounter.mount(mount);
    }

    @Override
    public void unmount(Path target) throws IOException {
        mounter.unmount(target);
    }

    @Override
    public void create(String id, Path bundle, Path logFile, io.cairn.engine.runtime.ContainerStdio stdio,
                       long logSizeMax) throws IOException {
        checkId(id);
        if (Files.exists(runc.root().resolve(id))) {
            throw new IOException("container " + id + " already exists in " + runc.root());
        }
        ContainerFiles files = ContainerFiles.of(options, id);
        files.remove(); // leftovers of an attempt cut short
        Files.createDirectories(files.dir());
        Files.createDirectories(ContainerFiles.exitDir(options));
        Files.createDirectories(options.socketDir());
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        // made here, under the daemon's umask (0600): runc appends to it under conmon's 022, and it can name the command
        Files.createFile(files.runcLog());

        ConmonLauncher.Answer answer = launcher.launch(id, bundle, logFile, logSizeMax, files, stdio);
        if (!answer.created()) {
            String detail = ConmonLauncher.diagnostics(files);
            RuntimeState st = state(id);
            if (st.exists()) {
                detail = (detail.isEmpty() ? "" : detail + "; ") + "runc had the container " + st.status();
            }
            cleanUpFailedCreate(id, files);
            throw new IOException("create container " + id + " from " + bundle + ": " + answer.message()
                    + (detail.isEmpty() ? "" : " [" + detail + "]"));
        }
    }

    private void cleanUpFailedCreate(String id, ContainerFiles files) throws IOException {
        runc.run("delete", "--force", id); // whatever runc got to; "does not exist" is fine
        ConmonProcess.awaitExit(files);
        files.remove();
    }

    @Override
    public void start(String id) throws IOException {
        checkId(id);
        RuncCli.Result r = runc.run("start", id);
        if (!r.ok()) {
            throw r.failure("start container " + id);
        }
    }

    @Override
    public RuntimeState state(String id) throws IOException {
        checkId(id);
        RuncCli.Result r = runc.run("state", id);
        if (r.notFound()) {
            return RuntimeState.missing();
        }
        if (!r.ok()) {
            throw r.failure("state of container " + id);
        }
        JsonNode n = JSON.readTree(r.stdout());
        long pid = n.path("pid").asLong(0);
        // a process that already exited has no pid in runc's answer; conmon recorded it at create
        return new RuntimeState(n.path("status").asText("unknown"),
                pid > 0 ? pid : ContainerFiles.of(options, id).containerPidOrZero());
    }

    @Override
    public void kill(String id, int signal, boolean all) throws IOException {
        checkId(id);
        RuncCli.Result r = all ? runc.run("kill", "--all", id, Integer.toString(signal))
                : runc.run("kill", id, Integer.toString(signal));
        if (!r.ok()) {
            throw r.failure("kill container " + id + " with signal " + signal);
        }
    }

    /** conmon makes {@code attach} and {@code ctl} in the bundle; {@code SOCKETS/ID} links to it. */
    @Override
    public io.cairn.engine.runtime.ContainerStdio.Endpoints endpoints(String id) {
        checkId(id);
        Path dir = options.socketDir().resolve(id);
        return new io.cairn.engine.runtime.ContainerStdio.Endpoints(dir.resolve("attach"), dir.resolve("ctl"));
    }

    @Override
    public Process exec(String id, Path processSpec, Path pidFile, Path logFile, Path terminal) throws IOException {
        checkId(id);
        List<String> args = new ArrayList<>(List.of("--log", logFile.toString(), "--log-format", "json", "exec",
                "--process", processSpec.toString(), "--pid-file", pidFile.toString()));
        if (terminal != null) {
            // runc makes the process's terminal itself (a console socket needs --detach, which loses the
            // exit code) and relays it to its own stdio: our pty's slave
            args.add("--tty");
        }
        args.add(id);
        return runc.start(terminal, args.toArray(String[]::new));
    }

    @Override
    public void pause(String id) throws IOException {
        checkId(id);
        RuncCli.Result r = runc.run("pause", id);
        if (!r.ok()) {
            throw r.failure("pause container " + id);
        }
    }

    @Override
    public void resume(String id) throws IOException {
        checkId(id);
        RuncCli.Result r = runc.run("resume", id);
        if (!r.ok()) {
            throw r.failure("resume container " + id);
        }
    }

    @Override
    public void update(String id, io.cairn.engine.runtime.spec.RunOptions.CgroupLimits l) throws IOException {
        checkId(id);
        List<String> args = new ArrayList<>(List.of("update"));
        if (l.memory() > 0) {
            args.addAll(List.of("--memory", Long.toString(l.memory()), "--memory-swap", Long.toString(l.effectiveSwap())));
        }
        if (l.memoryReservation() > 0) {
            args.addAll(List.of("--memory-reservation", Long.toString(l.memoryReservation())));
        }
        if (l.cpuShares() > 0) {
            args.addAll(List.of("--cpu-share", Long.toString(l.cpuShares()))); // runc spells it so
        }
        if (l.nanoCpus() > 0) {
            long period = 100_000;
            args.addAll(List.of("--cpu-period", Long.toString(period), "--cpu-quota",
                    Long.toString(l.nanoCpus() * period / 1_000_000_000L)));
        }
        if (!l.cpusetCpus().isEmpty()) {
            args.addAll(List.of("--cpuset-cpus", l.cpusetCpus()));
        }
        if (l.pidsLimit() != 0) {
            args.addAll(List.of("--pids-limit", Long.toString(l.pidsLimit())));
        }
        args.add(id);
        RuncCli.Result r = runc.run(args.toArray(String[]::new));
        if (!r.ok()) {
            throw r.failure("update container " + id);
        }
    }

    @Override
    public void delete(String id) throws IOException {
        checkId(id);
        // runc keeps a state directory per container it knows: without one there is nothing to ask
        if (Files.exists(runc.root().resolve(id))) {
            RuncCli.Result r = runc.run("delete", "--force", id);
            if (!r.ok() && !r.notFound()) {
                throw r.failure("delete container " + id);
            }
        }
        ContainerFiles files = ContainerFiles.of(options, id);
        ConmonProcess.awaitExit(files);
        files.remove();
    }

    /** The container's pid as conmon recorded it at create, without asking runc. */
    @Override
    public long pid(String id) throws IOException {
        checkId(id);
        long pid = ContainerFiles.of(options, id).containerPidOrZero();
        return pid > 0 ? pid : state(id).pid();
    }

    @Override
    public boolean alive(long pid) throws IOException {
        return ProcessTable.live(pid);
    }

    /**
     * conmon is alive when the pid it wrote is a live conmon of this container; unknown (no pid yet,
     * /proc unreadable) counts as alive.
     */
    @Override
    public boolean monitorAlive(String id) {
        checkId(id);
        ContainerFiles files = ContainerFiles.of(options, id);
        long pid = files.conmonPidOrZero();
        try {
            return pid <= 0 || ConmonProcess.isConmonOf(pid, files);
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public OptionalInt exitCode(String id) throws IOException {
        checkId(id);
        Path exit = ContainerFiles.of(options, id).exitFile();
        String s;
        try {
            s = Files.readString(exit, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            return OptionalInt.empty();
        }
        if (s.isEmpty()) {
            return OptionalInt.empty(); // conmon is writing it
        }
        try {
            return OptionalInt.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IOException("exit file " + exit + " of container " + id + " holds '" + s + "', not a number");
        }
    }

    /** Waits on the exit directory (conmon writes the exit file there; the container is not our child). */
    @Override
    public OptionalInt awaitExit(String id, Duration timeout) throws IOException {
        checkId(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        Path exits = ContainerFiles.of(options, id).exitFile().getParent();
        Files.createDirectories(exits);
        try (DirectoryWatch watch = DirectoryWatch.of(exits)) {
            while (true) {
                OptionalInt code = exitCode(id);
                long left = deadline - System.nanoTime();
                if (code.isPresent() || left <= 0) {
                    return code;
                }
                watch.await(left);
            }
        }
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(runc.root())) {
            return List.of();
        }
        RuncCli.Result r = runc.run("list", "--format", "json");
        if (!r.ok()) {
            throw r.failure("list containers");
        }
        JsonNode n = JSON.readTree(r.stdout().isBlank() ? "null" : r.stdout());
        List<String> ids = new ArrayList<>();
        n.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    @Override
    public String describe() {
        return runtimeBinary + " (" + found().version() + ")";
    }

    /** The file conmon writes the exit code to; it appears once the container's process has ended. */
    public Path exitFile(String id) {
        checkId(id);
        return ContainerFiles.of(options, id).exitFile();
    }

    /** The pid of the container's conmon, or empty when it never started. */
    public java.util.OptionalLong conmonPid(String id) {
        checkId(id);
        long pid = ContainerFiles.of(options, id).conmonPidOrZero();
        return pid > 0 ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid container ID '" + id + "': want 1-" + RuncOptions.MAX_ID
                    + " characters of [A-Za-z0-9_.-], starting with a letter or digit");
        }
    }
}
