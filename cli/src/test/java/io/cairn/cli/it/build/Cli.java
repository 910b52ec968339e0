package io.cairn.cli.it.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cairn} against one temporary root, as a user runs it; {@link #close()} stops the
 * daemon it auto-started (by its pid) and deletes the root.
 */
final class Cli implements AutoCloseable {

    /** What a command printed and its exit code. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final Path HOME = Path.of(System.getProperty("cairn.home", "..")).toAbsolutePath().normalize();

    private final Path root;

    Cli() throws IOException {
        this.root = Files.createTempDirectory(Path.of("/tmp"), "cairn-bit-"); // short: socket paths fit 108 bytes
    }

    Path root() {
        return root;
    }

    Result run(String... args) throws Exception {
        return run(Map.of(), null, args);
    }

    Result run(Map<String, String> env, Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/cairn").toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, env, stdin);
    }

    /** Starts a command without waiting (for the SIGKILL test). */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/cairn").toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static Result exec(List<String> cmd, Map<String, String> env, Path stdin) throws Exception {
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

    long daemonPid() throws IOException {
        try {
            return Long.parseLong(Files.readString(root.resolve("cairn.pid")).trim());
        } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops the daemon: SIGTERM (or SIGKILL with {@code kill}) by pid, waiting for it to exit. */
    void stopDaemon(boolean kill) throws IOException {
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
            stopDaemon(false);
        } finally {
            io.cairn.engine.fs.Trees.delete(root);
        }
    }
}
