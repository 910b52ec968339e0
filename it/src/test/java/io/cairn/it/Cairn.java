package io.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code bin/cairn} as a user would, against one root, and cleans up after itself: every daemon
 * it started or that a command auto-started is stopped by its pid. Its daemons run with
 * {@code --bridge none} ({@code CAIRN_BRIDGE=none}, which auto-started daemons inherit): containers
 * without {@code --network} have none, and tests on parallel roots never touch a default bridge;
 * {@link #withDefaultBridge()} gives networking tests the real one.
 */
public final class Cairn implements AutoCloseable {

    public static final Path HOME = Path.of(System.getProperty("cairn.home", "..")).toAbsolutePath().normalize();
    public static final Path LAUNCHER = HOME.resolve("bin/cairn");

    private final Path root;
    private final List<Process> daemons = new ArrayList<>();
    private String bridge = "none";

    public Cairn() throws IOException {
        // short: unix socket paths must fit 108 bytes
        this.root = Files.createTempDirectory(Path.of("/tmp"), "cairn-it-");
    }

    /** A root whose daemons have the predefined {@code bridge} network ({@code --bridge default}). */
    public static Cairn withDefaultBridge() throws IOException {
        Cairn c = new Cairn();
        c.bridge = "default";
        return c;
    }

    /** The daemon's {@code --bridge}: {@code none} unless made {@link #withDefaultBridge()}. */
    public String bridge() {
        return bridge;
    }

    /** A root at {@code root}, which must not exist yet (keep it short: unix socket paths fit 108 bytes). */
    public Cairn(Path root) throws IOException {
        this.root = Files.createDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Exec.Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    public Exec.Result run(Map<String, String> env, String... args) throws Exception {
        return run(env, null, args);
    }

    /** Runs {@code bin/cairn --root ROOT ARGS…} with {@code stdin} as its input ({@code null}: /dev/null). */
    public Exec.Result run(Map<String, String> env, Path stdin, String... args) throws Exception {
        return Exec.run(command(args), env, stdin);
    }

    /** Runs with stdout redirected to {@code file}, as {@code cairn … > file}. */
    public Exec.Result runToFile(Path file, String... args) throws Exception {
        return Exec.run(command(args), Map.of(), null, file);
    }

    /** Runs {@code cat FILE | cairn ARGS…} through a shell pipe. */
    public Exec.Result runPiped(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "cat \"$0\" | \"$@\"", file.toString()));
        cmd.addAll(command(args));
        return Exec.run(cmd);
    }

    /** {@code cairn inspect NAME}'s one object; a failed inspect fails the test. */
    public JsonNode inspect(String name) throws Exception {
        Exec.Result r = run("inspect", name);
        if (r.exit() != 0) {
            throw new AssertionError("inspect " + name + ": " + r);
        }
        return new ObjectMapper().readTree(r.out()).get(0);
    }

    /** Inspects {@code name} every 100 ms until {@code condition} holds (30 s at most), and returns that inspect. */
    public JsonNode awaitInspect(String name, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = inspect(name);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + name + " never reached the expected state: " + last);
    }

    /** {@code bin/cairn --root ROOT ARGS…}. */
    public List<String> command(String... args) {
        // env(1) execs the launcher, which execs the JVM: a daemon's pid is still the process's
        List<String> cmd = new ArrayList<>(List.of("env", "CAIRN_BRIDGE=" + bridge, LAUNCHER.toString(), "--root",
                root.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code bin/cairn --root ROOT ARGS…} without waiting (to kill it mid-way). */
    public Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Starts {@code cairn daemon} in the background and waits for its pid file (not a stale one). */
    public Process startDaemon(String... extra) throws Exception {
        return startDaemon(Map.of(), extra);
    }

    /** {@link #startDaemon(String...)} with {@code env} added to the daemon's environment. */
    public Process startDaemon(Map<String, String> env, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--root", root.toString(), "daemon"));
        cmd.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("daemon.log").toFile()));
        builder.environment().put("CAIRN_BRIDGE", bridge);
        builder.environment().putAll(env);
        Process p = builder.start();
        daemons.add(p);
        long deadline = System.currentTimeMillis() + 30_000;
        // bin/cairn execs the JVM, so the launcher's pid is the daemon's
        while (daemonPid() != p.pid()) {
            if (!p.isAlive()) {
                throw new AssertionError("daemon exited with " + p.exitValue() + ":\n" + Files.readString(root.resolve("daemon.log")));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("daemon did not start:\n" + Files.readString(root.resolve("daemon.log")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    /** The running daemon's pid from {@code cairn.pid}, or -1. */
    public long daemonPid() throws IOException {
        Path pid = root.resolve("cairn.pid");
        try {
            return Long.parseLong(Files.readString(pid).trim());
        } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
            return -1;
        }
    }

    /** SIGTERM to the daemon by pid, waiting for it to exit. */
    public void stopDaemon() throws Exception {
        stopDaemon(false);
    }

    /** Stops the daemon by pid: SIGTERM, or SIGKILL with {@code kill}; waits for it to exit. */
    public void stopDaemon(boolean kill) throws Exception {
        long pid = daemonPid();
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (kill) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
                h.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopDaemon();
        } finally {
            for (Process p : daemons) {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Scratch.delete(root);
        }
    }
}
