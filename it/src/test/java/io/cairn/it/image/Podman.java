package io.cairn.it.image;

import io.cairn.it.Scratch;
import io.cairn.it.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * podman with storage of its own: {@code --root}, {@code --runroot} and {@code --tmpdir} in one temp
 * directory, so the machine's podman images, containers and database are never read or changed, and
 * no "database configuration mismatch" with them can arise. Carries the flags this host needs
 * (shared/anchors/README.md): runc (crun fails on hybrid cgroups), cgroupfs and file events (no
 * systemd); {@link #runFlags()} adds {@code --network none} and ulimits within the hard limits
 * (no CAP_SYS_RESOURCE here). {@link #close()} removes every container and image, unmounts whatever
 * is still mounted below the directory, and deletes it.
 */
final class Podman implements AutoCloseable {

    private final Path dir;

    Podman() throws IOException {
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "cairn-podman-");
    }

    Exec.Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("podman",
                "--root", dir.resolve("root").toString(),
                "--runroot", dir.resolve("runroot").toString(),
                "--tmpdir", dir.resolve("tmp").toString(),
                "--storage-driver", "overlay",
                "--runtime", "runc",
                "--cgroup-manager", "cgroupfs",
                "--events-backend", "file"));
        cmd.addAll(List.of(args));
        return Exec.run(cmd);
    }

    /** Flags for {@code podman run}: no network, and rlimits the sandbox lets runc set. */
    static List<String> runFlags() throws Exception {
        String nofile = Exec.run(List.of("sh", "-c", "ulimit -Hn")).ok().out().trim();
        return List.of("--network", "none", "--ulimit", "nofile=" + nofile + ":" + nofile,
                "--ulimit", "nproc=32768:32768");
    }

    @Override
    public void close() throws Exception {
        try {
            run("rm", "-a", "-f");
            run("rmi", "-a", "-f");
        } finally {
            for (String mount : mountsBelow(dir)) {
                Exec.run(List.of("umount", "-l", mount));
            }
            Scratch.delete(dir);
        }
    }

    /** Mount points below {@code dir}, deepest first (from /proc/self/mountinfo). */
    private static List<String> mountsBelow(Path dir) throws IOException {
        String prefix = dir.toRealPath() + "/";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4].replace("\\040", " "))
                .filter(m -> m.startsWith(prefix))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }
}
