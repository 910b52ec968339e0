package io.cairn.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A busybox root filesystem for runtime tests, built once per JVM by scripts/make-busybox-rootfs.sh. */
public final class Busybox {
    private static Path tar;

    private Busybox() {
    }

    /** Unpacks the busybox rootfs into {@code dir} (created if missing). */
    public static Path unpack(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(List.of("tar", "-xf", tar().toString(), "-C", dir.toString()));
        return dir;
    }

    static synchronized Path tar() throws IOException, InterruptedException {
        if (tar == null) {
            Path out = Path.of("target", "test-busybox-rootfs.tar").toAbsolutePath();
            if (!Files.exists(out)) {
                Files.createDirectories(out.getParent());
                run(List.of("bash", script().toString(), out.toString()));
            }
            tar = out;
        }
        return tar;
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/make-busybox-rootfs.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/make-busybox-rootfs.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
