package io.cairn.engine.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.RuntimeProbe;
import io.cairn.engine.runtime.RuntimeState;
import io.cairn.engine.runtime.overlay.OverlayMounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * {@link ContainerRuntime} over conmon and runc (or any runtime with runc's command line).
 *
 * <p>{@code create} starts conmon through a small shell that hands it a sync pipe as fd 3
 * ({@code _OCI_SYNCPIPE}, as Podman does: the JDK cannot pass extra descriptors). The JDK's process
 * launcher closes every descriptor above 2, so neither conmon nor the container inherits one of the
 * daemon's. conmon forks, calls {@code setsid}, is reparented to init and runs {@code runc create};
 * it then writes {@code {"pid": N}} (or {@code -1} and runc's message) on the pipe, which is how we
 * know the container exists without polling. From then on conmon owns the container's stdio, writes
 * its log and, when it ends, the exit file, whether or not the daemon is still alive.
 *
 * <p>The shell stays until we have read conmon's answer (it waits on its stdin, which we close
 * then): when a child exits, the JDK drains and closes its stdout pipe, and conmon's first process
 * exits within milliseconds, so a launcher that simply exec'd conmon lost the answer (EOF, then
 * EPIPE in conmon) in about 3% of creates under load.
 */
public final class ConmonRuncRuntime implements ContainerRuntime {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (RuncOptions.MAX_ID - 1) + "}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService GUARD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conmon-create-guard");
        t.setDaemon(true);
        return t;
    });
    /** How long {@code delete} waits for conmon to record the exit before it kills conmon. */
    private static final long CONMON_EXIT_WAIT_MS = 5_000;

    private final RuncOptions options;
    private final Path runtimeBinary;
    private final Path conmonBinary;
    private final RuncCli runc;
    private final OverlayMounter mounter;

    /** Resolves both binaries now, so that a missing one is reported at start-up, by name. */
    public ConmonRuncRuntime(RuncOptions options) throws IOException {
        this(options, new OverlayMounter());
    }

    public ConmonRuncRuntime(RuncOptions options, OverlayMounter mounter) throws IOException {
        this.options = options;
        this.runtimeBinary = resolve(options.runtime(), "OCI runtime");
        this.conmonBinary = resolve(options.conmon(), "conmon");
        this.runc = new RuncCli(runtimeBinary, options.stateDir().resolve("runc"));
        this.mounter = mounter;
    }

    private static Path resolve(String name, String what) throws IOException {
        RuntimeProbe.Found found = RuntimeProbe.probe(name);
        if (found.path().isEmpty()) {
            throw new IOException(what + " '" + name + "' not found on PATH (" + System.getenv("PATH") + ")");
        }
        return Path.of(found.path());
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
    public void create(String id, Path bundle, Path logFile) throws IOException {
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

        Process launcher = new ProcessBuilder(conmonCommand(id, bundle, logFile, files))
                .redirectError(files.conmonErr().toFile())
                .start();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> guard = GUARD.schedule(() -> {
            timedOut.set(true);
            killConmon(files);
        }, options.createTimeout().toMillis(), TimeUnit.MILLISECONDS);
        String line;
        try (BufferedReader sync = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = sync.readLine();
        } finally {
            guard.cancel(false);
            reap(launcher);
        }
        long pid = -1;
        String message = "";
        if (line != null) {
            JsonNode msg = JSON.readTree(line);
            pid = msg.path("pid").asLong(-1);
            message = msg.path("message").asText("");
        }
        if (pid <= 0) {
            String why = timedOut.get() ? "no answer from conmon in " + options.createTimeout().toSeconds() + " s"
                    : line == null ? "conmon exited without a word" : message.strip();
            String detail = describeFailure(files);
            if (line == null) {
                // conmon's errors after it detaches go to /dev/null (and syslog): say how far it got.
                RuntimeState st = state(id);
                detail = (detail.isEmpty() ? "" : detail + "; ") + "conmon's first process exited "
                        + (launcher.isAlive() ? "(still running)" : launcher.exitValue()) + ", runc "
                        + (st.exists() ? "had the container " + st.status() : "had no container");
            }
            cleanUpFailedCreate(id, files);
            throw new IOException("create container " + id + " from " + bundle + ": " + why
                    + (detail.isEmpty() ? "" : " [" + detail + "]"));
        }
    }

    /**
     * The shell moves our stdout pipe to fd 3 (conmon's sync pipe) and points its own fd 1 at
     * /dev/null; runs conmon, whose first process returns as soon as the monitor has forked; closes
     * its copy of fd 3, so that the pipe ends when conmon's monitor closes it (EOF if it dies); then
     * waits for us to close its stdin, which keeps the JDK from closing our end of the pipe early.
     */
    private static final String LAUNCH = "exec 3>&1 1>/dev/null; _OCI_SYNCPIPE=3 \"$@\" </dev/null; s=$?;"
            + " exec 3>&-; read -r _; exit $s";

    private List<String> conmonCommand(String id, Path bundle, Path logFile, ContainerFiles f) {
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH,
                "conmon-launch", conmonBinary.toString(),
                "-c", id, "-u", id, "-n", id,
                "-r", runtimeBinary.toString(),
                "-b", bundle.toAbsolutePath().toString(),
                "-p", f.containerPid().toString(),
                "-P", f.conmonPid().toString(),
                "-l", options.logDriver() + ":" + logFile.toAbsolutePath(),
                "--exit-dir", ContainerFiles.exitDir(options).toString(),
                "--socket-dir-path", options.socketDir().toString(),
                "--runtime-arg", "--root=" + runc.root(),
                "--runtime-arg", "--log=" + f.runcLog(),
                "--runtime-arg", "--log-format=json"));
        return c;
    }

    private static void reap(Process launcher) {
        try {
            launcher.getOutputStream().close(); // the shell's stdin: it exits now
            if (!launcher.waitFor(5, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            launcher.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What runc logged at level error and what conmon printed before it detached. */
    private static String describeFailure(ContainerFiles f) {
        List<String> parts = new ArrayList<>();
        try {
            if (Files.exists(f.runcLog())) {
                for (String l : Files.readAllLines(f.runcLog(), StandardCharsets.UTF_8)) {
                    JsonNode n = l.isBlank() ? null : JSON.readTree(l);
                    if (n != null && !"debug".equals(n.path("level").asText()) && !"info".equals(n.path("level").asText())) {
                        parts.add("runc: " + n.path("msg").asText(l));
                    }
                }
            }
            if (Files.exists(f.conmonErr())) {
                String err = Files.readString(f.conmonErr(), StandardCharsets.UTF_8).strip();
                if (!err.isEmpty()) {
                    parts.add("conmon: " + err);
                }
            }
        } catch (IOException e) {
            parts.add("(logs unreadable: " + e.getMessage() + ")");
        }
        return String.join("; ", parts);
    }

    private void cleanUpFailedCreate(String id, ContainerFiles files) throws IOException {
        runc.run("delete", "--force", id); // whatever runc got to; "does not exist" is fine
        awaitConmonExit(files);
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
        return new RuntimeState(n.path("status").asText("unknown"), n.path("pid").asLong(0));
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

    @Override
    public void delete(String id) throws IOException {
        checkId(id);
        RuncCli.Result r = runc.run("delete", "--force", id);
        if (!r.ok() && !r.notFound()) {
            throw r.failure("delete container " + id);
        }
        ContainerFiles files = ContainerFiles.of(options, id);
        awaitConmonExit(files);
        files.remove();
    }

    /**
     * conmon ends once the container's process has ended and it has written the exit file; wait for
     * that before removing the files (or conmon would write the exit file again after us), and kill
     * a conmon that hangs on.
     */
    private static void awaitConmonExit(ContainerFiles files) throws IOException {
        long pid = files.conmonPidOrZero();
        if (pid <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONMON_EXIT_WAIT_MS);
        long sleep = 1;
        while (isConmonOf(pid, files) && System.nanoTime() < deadline) {
            sleepMillis(sleep);
            sleep = Math.min(sleep * 2, 50);
        }
        killConmon(files);
    }

    private static void killConmon(ContainerFiles files) {
        long pid = files.conmonPidOrZero();
        try {
            if (pid > 0 && isConmonOf(pid, files)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException e) {
            // the process is gone or unreadable: nothing to kill
        }
    }

    /** Whether {@code pid} is still the live conmon of this container (not a reused pid). */
    private static boolean isConmonOf(long pid, ContainerFiles files) throws IOException {
        if (!ProcessTable.live(pid)) {
            return false;
        }
        return ProcessTable.cmdline(pid).contains(files.conmonPid().toString());
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

    @Override
    public OptionalInt awaitExit(String id, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 1;
        while (true) {
            OptionalInt code = exitCode(id);
            if (code.isPresent() || System.nanoTime() >= deadline) {
                return code;
            }
            sleepMillis(Math.min(sleep, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            sleep = Math.min(sleep * 2, 20);
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
        RuntimeProbe.Found found = RuntimeProbe.probe(runtimeBinary.toString());
        return runtimeBinary + " (" + found.version() + ")";
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

    private static void sleepMillis(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
