package io.cairn.cli.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Starts a daemon for a root when none answers (CLI.md): detached with {@code setsid}, output appended
 * to {@code <root>/daemon.log}, then waits for {@code /_ping}. The daemon runs in the engine's JVM,
 * which the launcher starts ({@link EngineJvm}).
 */
final class DaemonStarter {

    /**
     * How long a daemon that is alive may take to answer: a cold JVM on a loaded machine (CI, two
     * cores shared) has taken more than 10 s; a daemon that exits is reported at once instead.
     */
    private static final long WAIT_MILLIS = 60_000;

    private final Path root;
    private final ApiClient client;

    DaemonStarter(Path root, ApiClient client) {
        this.root = root;
        this.client = client;
    }

    void start() {
        Path log = root.resolve("daemon.log");
        Process process;
        try {
            // private from the start: the daemon closes the root again, but the log exists before it runs
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // appended to, as before
            }
            process = EngineJvm.command(List.of("setsid"), root, List.of("daemon"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new DaemonUnavailableException("cannot start a daemon for " + root + ": " + e.getMessage());
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (client.ping()) {
                return;
            }
            if (!process.isAlive() && process.exitValue() != 0 && !client.ping()) {
                // it may have lost the lock race to another daemon that is still starting: keep waiting
                if (!Files.exists(root.resolve("cairn.lock"))) {
                    throw new DaemonUnavailableException("the daemon for " + root + " exited with code "
                            + process.exitValue() + "; see " + log + lastLines(log));
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new DaemonUnavailableException("no daemon answered on " + root.resolve("cairn.sock")
                + " within " + WAIT_MILLIS / 1000 + " s; see " + log + lastLines(log));
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
