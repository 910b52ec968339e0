package io.cairn.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (bin/cairn, podman, skopeo, umoci, sh) to completion with a time limit;
 * stdout and stderr go through temp files so neither pipe can fill up and block it. The caller's
 * {@code SOURCE_DATE_EPOCH} is not inherited (it would make every build reproducible).
 */
public final class Exec {

    /** What a command printed and its exit code. */
    public record Result(List<String> command, int exit, String out, String err) {
        public List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        /** This result, after asserting it exited 0. */
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("command failed: " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + abbreviate(out)
                    + "--- stderr\n" + abbreviate(err);
        }

        private static String abbreviate(String s) {
            return s.length() <= 4000 ? s : s.substring(0, 2000) + "\n…\n" + s.substring(s.length() - 2000);
        }
    }

    public static final long TIMEOUT_SECONDS = 120;

    private Exec() {
    }

    public static Result run(List<String> command) throws Exception {
        return run(command, Map.of(), null, null);
    }

    public static Result run(List<String> command, Map<String, String> env) throws Exception {
        return run(command, env, null, null);
    }

    public static Result run(List<String> command, Map<String, String> env, Path stdin) throws Exception {
        return run(command, env, stdin, null);
    }

    /**
     * Runs {@code command} with {@code env} added, stdin from {@code stdin} (or /dev/null) and stdout
     * to {@code stdout} (or captured when null).
     */
    public static Result run(List<String> command, Map<String, String> env, Path stdin, Path stdout) throws Exception {
        Path out = stdout != null ? stdout : Files.createTempFile("it-out", ".txt");
        Path err = Files.createTempFile("it-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from((stdin == null ? Path.of("/dev/null") : stdin).toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("SOURCE_DATE_EPOCH");
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            String printed = stdout != null ? "(stdout in " + stdout + ")\n" : read(out);
            return new Result(command, p.exitValue(), printed, read(err));
        } finally {
            if (stdout == null) {
                Files.deleteIfExists(out);
            }
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
