package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/make-busybox-rootfs.sh: deterministic, and its tar is a rootfs whose shell runs. Runs as root. */
class BusyboxRootfsScriptTest {
    @TempDir
    Path tmp;

    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/make-busybox-rootfs.sh");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/make-busybox-rootfs.sh not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void buildsTheSameBytesTwiceAndTheShellRunsInTheUnpackedLayer() throws Exception {
        Path first = tmp.resolve("bb1.tar");
        Path second = tmp.resolve("bb2.tar");
        Shell.run(tmp, script().toString(), first.toString());
        Shell.run(tmp, script().toString(), second.toString());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "same script, same tar bytes");

        LocalLayerStore store = new LocalLayerStore(tmp.resolve("layers"), tmp.resolve("staging"));
        RegisteredLayer layer;
        try (var in = Files.newInputStream(first)) {
            layer = store.register(in, LayerSpec.base());
        }
        Path rootfs = store.path(layer.layer().chainId());
        assertEquals("ok\n", Shell.run(null, "chroot", rootfs.toString(), "/bin/sh", "-c", "echo ok"));
        assertEquals("root\n", Shell.run(null, "chroot", rootfs.toString(), "/bin/sh", "-c", "id -un"));
        assertEquals(01777, Posix.lstat(rootfs.resolve("tmp")).permissions());
        assertEquals(0700, Posix.lstat(rootfs.resolve("root")).permissions());
        assertEquals("busybox", Files.readSymbolicLink(rootfs.resolve("bin/ls")).toString());
        assertTrue(Files.readString(rootfs.resolve("etc/passwd")).startsWith("root:x:0:0:"));
        assertTrue(Files.readString(rootfs.resolve("etc/group")).contains("nobody:x:65534:"));
        for (String d : new String[] {"dev", "proc", "sys"}) {
            assertTrue(Files.isDirectory(rootfs.resolve(d)), d);
        }
        assertEquals(0, Posix.lstat(rootfs.resolve("bin/busybox")).mtimeSeconds(), "SOURCE_DATE_EPOCH defaults to 0");
    }

    @Test
    void refusesABusyboxThatIsNotStatic() throws IOException, InterruptedException {
        // BUSYBOX points at a dynamically linked binary: the script must stop before writing anything.
        ProcessBuilder pb = new ProcessBuilder(script().toString(), tmp.resolve("y.tar").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log2").toFile());
        pb.environment().put("BUSYBOX", "/bin/ls");
        Process q = pb.start();
        q.getOutputStream().close();
        assertEquals(1, q.waitFor());
        assertTrue(Files.readString(tmp.resolve("log2")).contains("/bin/ls is not a static busybox"));
        assertTrue(Files.notExists(tmp.resolve("y.tar")));
    }
}
