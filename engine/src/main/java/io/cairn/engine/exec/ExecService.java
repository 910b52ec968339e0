package io.cairn.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.ExecCreated;
import io.cairn.engine.event.ExecDied;
import io.cairn.engine.event.ExecStarted;
import io.cairn.engine.json.Mappers;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.spec.ResolvedUser;
import io.cairn.engine.runtime.spec.UserResolver;
import io.cairn.engine.stdio.ClientStdio;
import io.cairn.storage.posix.Pty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Docker's exec: sessions created against a running container, started once, attached or detached.
 *
 * <p>The process is the container's own {@code process} from its bundle's {@code config.json} with
 * the session's command, environment, working directory and user: so it has the container's
 * capabilities, {@code noNewPrivileges}, AppArmor profile and rlimits, and the runtime puts it in
 * the container's namespaces, cgroup and seccomp profile. {@code privileged} widens the
 * capabilities to all the kernel knows, as Docker's does, and nothing else.
 *
 * <p>With {@code Tty}, the daemon opens a pseudo-terminal ({@link Pty}) and gives its slave to
 * {@code runc exec --tty} as stdio: runc makes the process's terminal and relays it to ours, whose
 * master the daemon relays raw to the client; a resize sets our terminal's size and signals runc
 * (SIGWINCH), which copies it to the process's.
 */
public final class ExecService implements InContainer {

    private static final Logger LOG = Logger.getLogger(ExecService.class.getName());
    private static final ObjectMapper JSON = Mappers.STRICT;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Sessions kept after their end for inspect; the oldest ended go first beyond it. */
    private static final int MAX_SESSIONS = 1024;

    private final Pipeline pipeline;
    private final ContainerService containers;
    private final ContainerRuntime runtime;
    private final RootLayout root;
    private final List<String> allCapabilities;
    private final Map<String, ExecSession> sessions = new ConcurrentHashMap<>();

    public ExecService(Pipeline pipeline, ContainerService containers, ContainerRuntime runtime, RootLayout root,
                       List<String> allCapabilities) {
        this.pipeline = pipeline;
        this.containers = containers;
        this.runtime = runtime;
        this.root = root;
        this.allCapabilities = List.copyOf(allCapabilities);
    }

    /**
     * Creates a session in a running container.
     *
     * @throws NotFoundException when there is no such container
     * @throws ConflictException when it is not running (Docker's 409)
     */
    public String create(String containerRef, ExecRequest request, int uid) {
        return create(containerRef, request, uid, true);
    }

    /** @param audited journal the session's exec events (a user's exec); {@link #run}'s caller journals its own */
    private String create(String containerRef, ExecRequest request, int uid, boolean audited) {
        ContainerRecord c = running(containerRef);
        prune();
        String id = HexFormat.of().formatHex(randomBytes());
        sessions.put(id, new ExecSession(id, c.id(), request, audited));
        if (audited) {
            pipeline.execute(s -> Decision.of(null, new ExecCreated(id, c.id(), request.cmd())), uid);
        }
        return id;
    }

    /** Journals an exec event of an audited session. */
    private void audit(ExecSession s, io.cairn.engine.event.Event event, int uid) {
        if (s.audited()) {
            pipeline.execute(st -> Decision.of(null, event), uid);
        }
    }

    /** The session {@code id} names. */
    public ExecSession session(String id) {
        ExecSession s = sessions.get(id);
        if (s == null) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return s;
    }

    /**
     * Checks that a session may start now (before the client's connection is hijacked, so that the
     * refusal is an HTTP error): it exists, was never started, and its container runs.
     */
    public ExecSession startable(String id) {
        ExecSession s = session(id);
        if (s.exitCode().isPresent() || s.running()) {
            throw new ConflictException("exec " + id + " has already been started");
        }
        running(s.containerId());
        return s;
    }

    /**
     * Runs a session's process to its end, its stdio served by {@code client} (all dropped when
     * {@code client} is null: a detached start). Returns the exit code.
     */
    public int start(String id, ClientStdio client, int uid) {
        ExecSession s = session(id);
        if (!s.markStarted()) {
            throw new ConflictException("exec " + id + " has already been started");
        }
        ContainerRecord c = running(s.containerId());
        ExecRequest r = s.request();
        Path dir = root.containers().resolve(c.id()).resolve("exec");
        Path spec = dir.resolve(id + ".json");
        Path pidFile = dir.resolve(id + ".pid");
        Path log = dir.resolve(id + ".log");
        Process p;
        Pty pty = null;
        try {
            Files.createDirectories(dir);
            Files.write(spec, JSON.writeValueAsBytes(processSpec(c, r)));
            if (r.tty()) {
                pty = Pty.open();
                if (r.consoleSize() != null) {
                    // runc copies our terminal's size to the process's as it starts
                    pty.resize(r.consoleSize().height(), r.consoleSize().width());
                }
            }
            p = runtime.exec(c.id(), spec, pidFile, log, pty == null ? null : pty.slave());
        } catch (IOException e) {
            s.ended(126);
            if (pty != null) {
                pty.close();
            }
            deleteQuietly(spec, pidFile, log);
            throw new EngineFailureException("cannot exec in container " + c.name() + ": " + e.getMessage(), e);
        }
        s.running(0);
        if (pty != null) {
            s.terminal(pty, p.pid());
        }
        byte[] keys = io.cairn.api.DetachKeys.parse(r.detachKeys());
        if (client == null || !r.attachStdin() || pty == null || keys.length == 0) {
            // Docker watches for the detach keys on a terminal only: piped input (binary data) passes untouched
            return pty != null ? startOnTerminal(s, c, p, pty, client, spec, pidFile, log, uid, null)
                    : runToEnd(s, c, p, client, spec, pidFile, log, uid);
        }
        // the client may detach (its detach keys): the process then runs on, and its end is
        // journaled by this thread while the caller's returns and lets the client go
        java.util.concurrent.CompletableFuture<Void> detached = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
        Pty terminal = pty;
        Thread waiter = new Thread(() -> {
            try {
                done.complete(startOnTerminal(s, c, p, terminal, client, spec, pidFile, log, uid, detached));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "cairn-exec-wait-" + id.substring(0, 12));
        waiter.setDaemon(true);
        waiter.start();
        java.util.concurrent.CompletableFuture.anyOf(done, detached).join();
        return done.isDone() ? done.join() : -1;
    }

    /** The pipes half of {@link #start}: stdio relayed until the process ends; the exit journaled. */
    private int runToEnd(ExecSession s, ContainerRecord c, Process p, ClientStdio client, Path spec, Path pidFile,
                         Path log, int uid) {
        String id = s.id();
        ExecRequest r = s.request();
        audit(s, new ExecStarted(id, c.id(), r.cmd()), uid);
        Thread in = pumpInput(r.attachStdin() && client != null ? client.in() : null, p.getOutputStream(), id);
        Thread err = pump(p.getErrorStream(), r.attachStderr() && client != null ? client.err() : null, "err-" + id);
        Thread pidReader = new Thread(() -> s.pid(readPid(pidFile, p)), "cairn-exec-pid-" + id.substring(0, 12));
        pidReader.setDaemon(true);
        pidReader.start();
        copy(p.getInputStream(), r.attachStdout() && client != null ? client.out() : null);
        int code;
        try {
            join(err);
            code = p.waitFor();
            pidReader.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            code = 137;
        }
        in.interrupt();
        code = runtimeFailure(code, log).orElse(code);
        s.ended(code);
        int exit = code;
        audit(s, new ExecDied(id, c.id(), exit), uid);
        deleteQuietly(spec, pidFile, log);
        return code;
    }

    /** The terminal half of {@link #start}: our terminal's master relayed raw both ways, until it closes. */
    private int startOnTerminal(ExecSession s, ContainerRecord c, Process p, Pty master, ClientStdio client,
                                Path spec, Path pidFile, Path log, int uid,
                                java.util.concurrent.CompletableFuture<Void> detached) {
        String id = s.id();
        ExecRequest r = s.request();
        audit(s, new ExecStarted(id, c.id(), r.cmd()), uid);
        Thread pidReader = new Thread(() -> s.pid(readPid(pidFile, p)), "cairn-exec-pid-" + id.substring(0, 12));
        pidReader.setDaemon(true);
        pidReader.start();
        if (r.attachStdin() && client != null) {
            Thread in = new Thread(() -> {
                byte[] buf = new byte[8192];
                io.cairn.engine.stdio.DetachKeyFilter keys =
                        new io.cairn.engine.stdio.DetachKeyFilter(io.cairn.api.DetachKeys.parse(r.detachKeys()));
                try {
                    for (int n; (n = client.in().read(buf)) > 0; ) {
                        io.cairn.engine.stdio.DetachKeyFilter.Chunk chunk = keys.filter(buf, n);
                        if (chunk.length() > 0) {
                            master.write(chunk.data(), chunk.length());
                        }
                        if (chunk.detached()) {
                            // Docker's: the terminal stays the process's; only the client goes
                            if (detached != null) {
                                detached.complete(null);
                            }
                            return;
                        }
                    }
                } catch (IOException e) {
                    // the client or the terminal went: the input ends
                }
            }, "cairn-exec-tty-in-" + id.substring(0, 12));
            in.setDaemon(true);
            in.start();
        }
        // the master reads EIO once runc (the slave's only holder) has exited
        Thread out = new Thread(() -> copyTerminal(master, r.attachStdout() && client != null ? client.out() : null),
                "cairn-exec-tty-out-" + id.substring(0, 12));
        out.setDaemon(true);
        out.start();
        int code;
        try {
            code = p.waitFor();
            out.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            code = 137;
        } finally {
            master.close();
        }
        code = runtimeFailure(code, log).orElse(code);
        s.ended(code);
        int exit = code;
        audit(s, new ExecDied(id, c.id(), exit), uid);
        deleteQuietly(spec, pidFile, log);
        return code;
    }

    private static void copyTerminal(Pty master, OutputStream to) {
        byte[] buf = new byte[8192];
        OutputStream sink = to;
        try {
            for (int n; (n = master.read(buf)) > 0; ) {
                if (sink != null) {
                    try {
                        sink.write(buf, 0, n);
                    } catch (IOException | RuntimeException gone) {
                        sink = null;
                    }
                }
            }
        } catch (IOException e) {
            LOG.fine("exec terminal: " + e.getMessage());
        }
    }

    /**
     * Resizes a running session's terminal.
     *
     * @throws InvalidArgumentException when it has none
     * @throws ConflictException when it does not run
     */
    public void resize(String id, io.cairn.engine.stdio.TerminalSize size) {
        ExecSession s = session(id);
        if (!s.request().tty()) {
            throw new InvalidArgumentException("exec " + id + " has no terminal to resize (created without Tty)");
        }
        Pty pty = s.terminal();
        if (pty == null || !s.running()) {
            throw new ConflictException("exec " + id + " is not running");
        }
        try {
            pty.resize(size.height(), size.width());
            Pty.signal(s.relay(), 28); // SIGWINCH: runc copies our terminal's size to the process's
        } catch (IOException e) {
            throw new ConflictException("exec " + id + ": cannot resize its terminal: " + e.getMessage());
        }
    }

    @Override
    public Result run(String containerId, List<String> cmd, Duration timeout, int maxOutput) {
        String id = create(containerId, new ExecRequest(cmd, List.of(), "", "", false, false, true, true, false), 0, false);
        Capture capture = new Capture(maxOutput);
        Thread t = new Thread(() -> start(id, capture, 0), "cairn-exec-run-" + id.substring(0, 12));
        t.setDaemon(true);
        t.start();
        try {
            t.join(timeout.toMillis());
            if (t.isAlive()) {
                long pid = session(id).pid();
                if (pid > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                t.join(5000);
                return new Result(-1, capture.text(), true, id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, capture.text(), true, id);
        }
        return new Result(session(id).exitCode().orElse(-1), capture.text(), false, id);
    }

    // ---- the process spec

    private ObjectNode processSpec(ContainerRecord c, ExecRequest r) throws IOException {
        Path bundle = root.containers().resolve(c.id());
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = ((ObjectNode) config.path("process")).deepCopy();
        process.put("terminal", r.tty());
        process.remove("consoleSize"); // the container's, not this session's
        if (r.tty() && r.consoleSize() != null) {
            // runc's init sizes the terminal before it executes the process; the size our pty carries
            // reaches runc's relay only after the process started, which a quick `stty size` beats
            process.putObject("consoleSize").put("height", r.consoleSize().height()).put("width", r.consoleSize().width());
        }
        ArrayNode args = process.putArray("args");
        r.cmd().forEach(args::add);
        ArrayNode env = process.putArray("env");
        mergeEnv(strings(config.path("process").path("env")), r.env())
                .forEach(env::add);
        if (!r.workingDir().isEmpty()) {
            process.put("cwd", r.workingDir());
        }
        if (!r.user().isEmpty()) {
            ResolvedUser u = new UserResolver(bundle.resolve("rootfs")).resolve(r.user());
            ObjectNode user = process.putObject("user");
            user.put("uid", u.uid());
            user.put("gid", u.gid());
            ArrayNode gids = user.putArray("additionalGids");
            u.additionalGids().forEach(gids::add);
        }
        if (r.privileged()) {
            ObjectNode caps = process.putObject("capabilities");
            for (String set : new String[] {"bounding", "effective", "permitted"}) {
                ArrayNode a = caps.putArray(set);
                allCapabilities.forEach(a::add);
            }
        }
        return process;
    }

    /** The container's environment with the session's entries added, a key given again replaced. */
    static List<String> mergeEnv(List<String> base, List<String> extra) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String e : base) {
            merged.put(key(e), e);
        }
        for (String e : extra) {
            merged.put(key(e), e.contains("=") ? e : e + "=");
        }
        return new ArrayList<>(merged.values());
    }

    private static String key(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    // ---- helpers

    private ContainerRecord running(String ref) {
        ContainerRecord c = containers.resolve(ref);
        if (!c.running()) {
            throw new ConflictException("Container " + c.id() + " is not running");
        }
        return c;
    }

    /**
     * runc exits 255 when it could not start the process and logs why: Docker's 127 for a command
     * that does not exist, 126 for one that cannot be run.
     */
    private static Optional<Integer> runtimeFailure(int code, Path log) {
        if (code != 255) {
            return Optional.empty();
        }
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("executable file not found") || text.contains("no such file or directory")) {
                return Optional.of(127);
            }
            if (text.contains("permission denied") || text.contains("exec format error")) {
                return Optional.of(126);
            }
        } catch (IOException e) {
            LOG.fine("exec log unreadable: " + e);
        }
        return Optional.empty();
    }

    private static long readPid(Path pidFile, Process p) {
        for (int i = 0; i < 200; i++) {
            try {
                String s = Files.readString(pidFile).strip();
                if (!s.isEmpty()) {
                    return Long.parseLong(s);
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet
            }
            if (!p.isAlive()) {
                return 0; // runc never started it (runc writes the file before the process runs)
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    /** Client input to the process; the process's stdin closes at its end (or at once without input). */
    private static Thread pumpInput(InputStream from, OutputStream to, String id) {
        Thread t = new Thread(() -> {
            try (to) {
                if (from != null) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = from.read(buf)) > 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process closed its stdin or the client went: either way the input ends
            }
        }, "cairn-exec-in-" + id.substring(0, 12));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> copy(from, to), "cairn-exec-" + name.substring(0, Math.min(name.length(), 16)));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Copies the process's output to the client until its end; once the client is gone (or never
     * was) the output is read and dropped, so the process never blocks on a full pipe.
     */
    private static void copy(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        OutputStream sink = to;
        try (from) {
            int n;
            while ((n = from.read(buf)) > 0) {
                if (sink != null) {
                    try {
                        sink.write(buf, 0, n);
                    } catch (IOException | RuntimeException gone) {
                        sink = null;
                    }
                }
            }
        } catch (IOException e) {
            // the pipe closed: the process ended
        }
    }

    private static void join(Thread t) throws InterruptedException {
        t.join();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void deleteQuietly(Path... files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.fine("cannot delete " + f + ": " + e);
            }
        }
    }

    /** Drops the oldest ended sessions beyond {@link #MAX_SESSIONS}, as Docker forgets ended execs. */
    private void prune() {
        if (sessions.size() < MAX_SESSIONS) {
            return;
        }
        sessions.values().removeIf(s -> s.exitCode().isPresent());
    }

    /** Output kept in memory, up to a limit, for {@link #run}. */
    private static final class Capture implements ClientStdio {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, Math.max(0, Math.min(len, max - bytes.size())));
                }
            }
        };

        Capture(int max) {
            this.max = max;
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public InputStream in() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream out() {
            return out;
        }

        @Override
        public OutputStream err() {
            return out;
        }

        @Override
        public void closeOutput() {
        }

        @Override
        public void close() {
        }
    }
}
