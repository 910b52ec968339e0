package io.cairn.cli.it.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cairn --root ROOT …} as a user types it. The first command auto-starts the root's
 * daemon; {@link #close()} stops it by the pid in {@code cairn.pid} and deletes the root.
 */
final class CairnRoot implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("cairn.home", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = HOME.resolve("bin/cairn");

    private final Path root;

    /** A root at {@code root}, which must not exist yet (keep it short: unix socket paths fit 108 bytes). */
    CairnRoot(Path root) throws IOException {
        this.root = Files.createDirectory(root);
    }

    Path root() {
        return root;
    }

    Exec.Result run(String... args) throws Exception {
        return Exec.run(command(args));
    }

    /** Runs with stdout redirected to {@code file}, as {@code cairn … > file}. */
    Exec.Result runToFile(Path file, String... args) throws Exception {
        return Exec.run(command(args), null, file);
    }

    /** Runs {@code cat FILE | cairn ARGS…} through a shell pipe. */
    Exec.Result runPiped(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "cat \"$0\" | \"$@\"", file.toString()));
        cmd.addAll(command(args));
        return Exec.run(cmd);
    }

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The running daemon's pid from {@code cairn.pid}, or -1. */
    long daemonPid() throws IOException {
        try {
            return Long.parseLong(Files.readString(root.resolve("cairn.pid")).trim());
        } catch (NoSuchFileException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 30 s) and deletes the root. */
    @Override
    public void close() throws Exception {
        try {
            long pid = daemonPid();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        } finally {
            io.cairn.engine.fs.Trees.delete(root);
        }
    }
}
