package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The busybox-static image the container ITs run, made by scripts/make-busybox-rootfs.sh. */
public final class BusyboxImage {

    private BusyboxImage() {
    }

    /** Imports the busybox rootfs into {@code cairn}'s root as {@code name}, with {@code CMD ["/bin/sh"]}. */
    public static void importAs(Cairn cairn, String name) throws Exception {
        importAs(cairn, name, "CMD [\"/bin/sh\"]");
    }

    /** Imports the busybox rootfs as {@code name} with {@code changes} ({@code -c} Dockerfile instructions). */
    public static void importAs(Cairn cairn, String name, String... changes) throws Exception {
        Path tar = cairn.root().resolveSibling(cairn.root().getFileName() + "-busybox.tar");
        try {
            Exec.Result made = Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                    tar.toString()), Map.of());
            assertEquals(0, made.exit(), made.toString());
            List<String> args = new java.util.ArrayList<>(List.of("import", tar.toString(), name));
            for (String change : changes) {
                args.add("-c");
                args.add(change);
            }
            cairn.run(args.toArray(String[]::new)).ok();
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /**
     * What a container test may leave behind, which must be nothing: mounts under the root and
     * processes (other than the daemon and this JVM) whose command line names it.
     */
    public static List<String> leftovers(Cairn cairn) throws Exception {
        String root = cairn.root().toString();
        List<String> out = new java.util.ArrayList<>(Files.readAllLines(Path.of("/proc/mounts")).stream()
                .filter(l -> l.contains(root)).map(l -> "mount " + l).toList());
        long self = ProcessHandle.current().pid();
        long daemon = cairn.daemonPid();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.pid() != daemon)
                .filter(p -> p.info().commandLine().map(c -> c.contains(root)).orElse(false))
                .map(p -> "process " + p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(c -> !c.contains(" daemon --root ") && !c.contains("cairn.cli.Main"))
                .forEach(out::add);
        return out;
    }
}
