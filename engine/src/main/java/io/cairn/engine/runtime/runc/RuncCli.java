package io.cairn.engine.runtime.runc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the OCI runtime's command line with this root's {@code --root}. The child gets no descriptor
 * of ours but its three pipes (the JDK closes the rest before exec).
 */
final class RuncCli {
    private static final long TIMEOUT_SECONDS = 60;

    /** What a runtime command printed and returned. */
    record Result(List<String> command, int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }

        /** runc's "container does not exist" (its wording since 1.0). */
        boolean notFound() {
            return exit != 0 && stderr.contains("does not exist");
        }

        IOException failure(String what) {
            String err = stderr.isBlank() ? stdout.strip() : stderr.strip();
            return new IOException(what + " failed (" + String.join(" ", command) + ", exit " + exit + "): " + err);
        }
    }

    private final Path binary;
    private final Path root;

    RuncCli(Path binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    Path binary() {
        return binary;
    }

    Path root() {
        return root;
    }

    Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        String out = drain(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(cmd, p.exitValue(), out, err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    /**
     * Starts a runtime command whose stdio are the caller's to serve ({@code exec}): pipes, or the
     * slave of the caller's pseudo-terminal; its stderr carries the process's stderr, and runc's own
     * errors when it could not start it.
     */
    Process start(Path terminal, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        cmd.addAll(List.of(args));
        if (terminal != null) {
            // the child shell opens the terminal: were the daemon (a session leader) to open it, the
            // terminal could become the daemon's controlling one, whose hang-up would kill it
            List<String> sh = new ArrayList<>(List.of("/bin/sh", "-c", "t=$1; shift; exec \"$@\" <\"$t\" >\"$t\" 2>&1",
                    "runc-tty", terminal.toString()));
            sh.addAll(cmd);
            return new ProcessBuilder(sh).start();
        }
        return new ProcessBuilder(cmd).start();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
