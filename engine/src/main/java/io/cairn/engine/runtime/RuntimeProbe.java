package io.cairn.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the OCI runtime binary on the PATH and asks it its version. */
public final class RuntimeProbe {

    /** What was found: {@code path} and {@code version} are empty when the binary is missing. */
    public record Found(String name, String path, String version) {
    }

    private RuntimeProbe() {
    }

    public static Found probe(String name) {
        Optional<Path> binary = locate(name);
        if (binary.isEmpty()) {
            return new Found(name, "", "");
        }
        return found(name, binary.get());
    }

    /** What {@code binary}, found for {@code name}, says its version is (it runs {@code binary --version}). */
    public static Found found(String name, Path binary) {
        return new Found(name, binary.toString(), version(binary));
    }

    /** The executable {@code name} resolves to (a path, or the first match on the PATH). */
    public static Optional<Path> locate(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (no answer to --version)";
            }
            String first = out.lines().findFirst().orElse("").trim();
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
