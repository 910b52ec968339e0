package io.cairn.cli.client;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        // The daemon writes its pid file (temp file, then a rename) once it listens, and appends to its
        // log in the root: the wait wakes on changes in the root, and when the process exits.
        WatchService watch = watch(root);
        WatchService first = watch;
        process.onExit().thenRun(() -> closeQuietly(first));
        try {
            while (System.nanoTime() < deadline) {
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
                    WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                } catch (ClosedWatchServiceException exited) {
                    watch = watch(root); // our daemon exited; another may still be starting in this root
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            closeQuietly(watch);
        }
        throw new DaemonUnavailableException("no daemon answered on " + root.resolve("cairn.sock")
                + " within " + WAIT_MILLIS / 1000 + " s; see " + log + lastLines(log));
    }

    private static WatchService watch(Path root) {
        try {
            WatchService watch = root.getFileSystem().newWatchService();
            root.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return watch;
        } catch (IOException e) {
            throw new DaemonUnavailableException("cannot watch " + root + " for the daemon's start: " + e.getMessage());
        }
    }

    private static void closeQuietly(WatchService watch) {
        try {
            watch.close();
        } catch (IOException e) {
            // closing an inotify descriptor: nothing to do about it
        }
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
