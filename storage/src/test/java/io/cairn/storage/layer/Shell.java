package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a command for a test and returns its stdout; a non-zero exit fails the test with stderr. */
public final class Shell {
    private Shell() {
    }

    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectErrorStream(false);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err;
        byte[] out;
        var errReader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        err = errReader.join();
        assertEquals(0, rc, String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
