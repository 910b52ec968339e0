package io.cairn.engine.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Persistent network namespaces, bind-mounted on files under {@code <root>/netns/} (as
 * {@code ip netns} does under /run/netns): made before the container, so netavark configures it
 * before runc joins it by path, and kept while the daemon is down, so a running container's network
 * outlives a daemon crash. {@code unshare --net=FILE} (util-linux) makes and binds it.
 */
final class NetnsFiles {

    private final Path dir;

    NetnsFiles(Path dir) {
        this.dir = dir;
    }

    Path path(String containerId) {
        return dir.resolve(containerId);
    }

    /** Creates (or keeps) the container's namespace. */
    Path create(String containerId) throws IOException {
        Files.createDirectories(dir);
        Path file = path(containerId);
        if (mounted(file)) {
            return file;
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        exec(List.of("unshare", "--net=" + file, "true"));
        return file;
    }

    /** Unmounts and deletes the namespace file (idempotent). */
    void remove(String containerId) throws IOException {
        Path file = path(containerId);
        if (mounted(file)) {
            exec(List.of("umount", file.toString()));
        }
        Files.deleteIfExists(file);
    }

    /** The namespace files present, by container ID. */
    List<String> present() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static boolean mounted(Path file) throws IOException {
        String target = " " + file.toAbsolutePath().normalize() + " ";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            if (line.contains(target) && line.contains(" nsfs ")) {
                return true;
            }
        }
        return false;
    }

    private static void exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd));
        }
    }
}
