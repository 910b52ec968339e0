package io.cairn.engine.runtime.runc;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts one container's conmon and returns its answer: the container's pid once {@code runc create}
 * succeeded, or why it failed.
 *
 * <p>conmon gets a sync pipe as fd 3 ({@code _OCI_SYNCPIPE}, as Podman does) through a small shell,
 * because the JDK cannot pass extra descriptors; the JDK's launcher closes every descriptor above 2,
 * so neither conmon nor the container inherits one of the daemon's. conmon forks, calls
 * {@code setsid} (so it is reparented to init and outlives us), runs {@code runc create} and writes
 * {@code {"pid": N}}, or {@code {"pid": -1, "message": …}}, on the pipe.
 *
 * <p>The shell stays until we have read that answer (it waits on its stdin, which we then close):
 * when a child exits, the JDK drains and closes its stdout pipe, and conmon's first process exits
 * within milliseconds, so a shell that simply exec'd conmon lost the answer (EOF here, EPIPE in
 * conmon) in about 3 creates out of 100 under load.
 *
 * <p>The shell also gives conmon, and the runc it runs, umask 022 instead of the daemon's 077: runc
 * creates the mount points a container lacks (a volume's {@code /mnt/b}) inside its rootfs, and they
 * must be 0755 as in Docker (whose daemon runs with 022), or the container's non-root users cannot
 * cross them. What conmon and runc write for the daemon (pid and exit files, fifos, runc's state)
 * lands in 0700 directories; the files that hold secrets are created by the daemon beforehand, 0600
 * (the bundle, the container's log, runc's log).
 */
final class ConmonLauncher {
    private static final ObjectMapper JSON = Mappers.STRICT;
    private static final ScheduledExecutorService GUARD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conmon-create-guard");
        t.setDaemon(true);
        return t;
    });

    /**
     * Sets umask 022 (see the class comment), moves our stdout pipe to fd 3 and points the shell's own fd 1 at /dev/null; runs conmon, whose
     * first process returns as soon as the monitor has forked; closes the shell's copy of fd 3, so
     * that the pipe ends when the monitor closes it (EOF if it dies); waits for us to close stdin.
     */
    private static final String SCRIPT = "umask 022; exec 3>&1 1>/dev/null; _OCI_SYNCPIPE=3 \"$@\" </dev/null; s=$?;"
            + " exec 3>&-; read -r _; exit $s";

    /**
     * conmon's answer.
     *
     * @param pid      the container's init pid, or ≤ 0 on failure
     * @param message  conmon's message on failure (runc's error output), or why there was none
     */
    record Answer(long pid, String message) {
        boolean created() {
            return pid > 0;
        }
    }

    private final Path conmon;
    private final Path runtime;
    private final RuncOptions options;
    private final Path runcRoot;

    ConmonLauncher(Path conmon, Path runtime, RuncOptions options, Path runcRoot) {
        this.conmon = conmon;
        this.runtime = runtime;
        this.options = options;
        this.runcRoot = runcRoot;
    }

    Answer launch(String id, Path bundle, Path logFile, long logSizeMax, ContainerFiles files,
                  io.cairn.engine.runtime.ContainerStdio stdio) throws IOException {
        List<String> command = new java.util.ArrayList<>(command(id, bundle, logFile, files, stdio));
        if (logSizeMax > 0) {
            command.add("--log-size-max");
            command.add(Long.toString(logSizeMax));
        }
        Process shell = new ProcessBuilder(command)
                .redirectError(files.conmonErr().toFile())
                .start();
        AtomicBoolean timedOut = new AtomicBoolean();
        Duration timeout = options.createTimeout();
        ScheduledFuture<?> guard = GUARD.schedule(() -> {
            timedOut.set(true);
            ConmonProcess.kill(files);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        String line;
        try (BufferedReader sync = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = sync.readLine();
        } finally {
            guard.cancel(false);
            reap(shell);
        }
        if (timedOut.get()) {
            // whatever conmon said after the guard killed it (runc's "parent closed synchronisation
            // channel") is the kill's echo, not the cause
            return new Answer(-1, "no answer from conmon in " + timeout.toMillis() + " ms");
        }
        if (line == null) {
            // conmon's errors after it detaches go to /dev/null (and syslog with --syslog)
            String why = "conmon exited without a word (its first process exited "
                            + (shell.isAlive() ? "?" : Integer.toString(shell.exitValue())) + ")";
            return new Answer(-1, why);
        }
        JsonNode msg = JSON.readTree(line);
        return new Answer(msg.path("pid").asLong(-1), msg.path("message").asText("").strip());
    }

    private List<String> command(String id, Path bundle, Path logFile, ContainerFiles f,
                                 io.cairn.engine.runtime.ContainerStdio stdio) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "conmon-launch", conmon.toString(),
                "-c", id, "-u", id, "-n", id,
                "-r", runtime.toString(),
                "-b", bundle.toAbsolutePath().toString(),
                "-p", f.containerPid().toString(),
                "-P", f.conmonPid().toString(),
                "-l", options.logDriver() + ":" + logFile.toAbsolutePath(),
                "--exit-dir", ContainerFiles.exitDir(options).toString(),
                "--socket-dir-path", options.socketDir().toString(),
                "--runtime-arg", "--root=" + runcRoot,
                "--runtime-arg", "--log=" + f.runcLog(),
                "--runtime-arg", "--log-format=json"));
        if (stdio.openStdin()) {
            cmd.add("--stdin"); // a pipe to the process's stdin, fed from the attach socket
            if (!stdio.stdinOnce()) {
                cmd.add("--leave-stdin-open"); // a client that detaches does not end the input
            }
        }
        if (stdio.tty()) {
            cmd.add("--terminal"); // conmon passes runc a console socket and keeps the terminal's master
        }
        return cmd;
    }

    private static void reap(Process shell) {
        try {
            shell.getOutputStream().close(); // the shell's stdin: it exits now
            if (!shell.waitFor(5, TimeUnit.SECONDS)) {
                shell.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            shell.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What runc logged above level info, and what conmon printed before it detached. */
    static String diagnostics(ContainerFiles f) {
        List<String> parts = new ArrayList<>();
        try {
            if (Files.exists(f.runcLog())) {
                for (String l : Files.readAllLines(f.runcLog(), StandardCharsets.UTF_8)) {
                    if (l.isBlank()) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(l);
                    String level = n.path("level").asText();
                    if (!level.equals("debug") && !level.equals("info")) {
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
}
