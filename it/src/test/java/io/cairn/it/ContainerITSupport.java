package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Leak checks the container ITs share. */
final class ContainerITSupport {
    private ContainerITSupport() {
    }

    /** No mount under {@code root} is left. */
    static void assertNoMountsUnder(Path root) throws Exception {
        String r = root.toString();
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(r)).toList();
        assertEquals(List.of(), mounts, "mounts left under " + r);
    }
}
