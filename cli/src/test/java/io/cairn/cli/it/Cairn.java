package io.cairn.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/cairn} as a user would, against one root, and cleans up after itself: every daemon
 * it started or that a command auto-started is stopped by its pid.
 */
public final class Cairn implements AutoCloseable {

    /** What a command printed and its exit code. */
    public record Result(int exit, String out, String err) {
        public List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static final Path HOME = Path.of(System.getProperty("cairn.home", "..")).toAbsolutePath().normalize();
    public static final Path LAUNCHER = HOME.resolve("bin/cairn");

    private final Path root;
    private final List<Process> daemons = new ArrayList<>();

    public Cairn() throws IOException {
        // short: unix socket paths must fit 108 bytes
        this.root = Files.createTempDirectory(Path.of("/tmp"), "cairn-it-");
    }

    public Path root() {
        return root;
    }

    public Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> env, String... args) throws Exception {
        return run(env, null, args);
    }

    /** Runs {@code bin/cairn --root ROOT ARGS…} with {@code stdin} as its input ({@code null}: /dev/null). */
    public Result run(Map<String, String> env, Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, env, stdin);
    }

    /** Starts {@code bin/cairn --root ROOT ARGS…} without waiting (to kill it mid-way). */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static Result exec(List<String> cmd, Map<String, String> env) throws Exception {
        return exec(cmd, env, null);
    }

    /** Runs a command; the caller's SOURCE_DATE_EPOCH is not inherited (builds would become reproducible). */
    public static Result exec(List<String> cmd, Map<String, String> env, Path stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(stdin == null ? Path.of("/dev/null").toFile()
                : stdin.toFile());
        builder.environment().remove("SOURCE_DATE_EPOCH");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code cairn daemon} in the background and waits for its pid file (not a stale one). */
    public Process startDaemon(String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--root", root.toString(), "daemon"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("daemon.log").toFile())).start();
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
            io.cairn.engine.fs.Trees.delete(root);
        }
    }
}
