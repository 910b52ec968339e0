package io.cairn.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test says what it needs from the machine (a tool such as runc, a file such as
 * the seccomp profile, root, a tmpfs mount). On a developer's machine a missing need skips the
 * test (a JUnit assumption); with {@code CI=true} it fails, naming the need and how to get it,
 * because a test that skipped in CI is not a test that passed. scripts/install-deps.sh installs
 * every tool the tests name here.
 *
 * <p>Used from every module's tests through the storage module's test jar.
 */
public final class Tools {

    /** Where root's tools live even when the test JVM's PATH lacks the sbin directories. */
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Tools() {
    }

    /**
     * The executable {@code tool} on the PATH (or in an sbin directory).
     *
     * @param install how to get it, shown when it is missing ({@code apt-get install -y runc})
     */
    public static Path require(String tool, String install) {
        return require(tool, install, System.getenv());
    }

    /** A file or directory a test reads (a fixture, a profile, a device), with how to get it. */
    public static Path requireFile(Path file, String install) {
        need(Files.exists(file), file + " (" + install + ")", System.getenv());
        return file;
    }

    /** Any other precondition, {@code need} saying what it is and how to meet it. */
    public static void requireThat(boolean met, String need) {
        need(met, need, System.getenv());
    }

    /** Whether this run is CI's ({@code CI=true}, as CI services and .ci/run set it). */
    public static boolean ci() {
        return ci(System.getenv());
    }

    static boolean ci(Map<String, String> env) {
        String ci = env.get("CI");
        return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
    }

    static Path require(String tool, String install, Map<String, String> env) {
        Path found = find(tool, env);
        need(found != null, tool + " (" + install + ")", env);
        return found;
    }

    static void need(boolean met, String need, Map<String, String> env) {
        if (met) {
            return;
        }
        if (ci(env)) {
            Assertions.fail("this test needs " + need + ", which is missing; under CI=true a missing need fails"
                    + " instead of skipping (scripts/install-deps.sh installs the tools)");
        }
        Assumptions.abort("skipped: needs " + need);
    }

    static Path find(String tool, Map<String, String> env) {
        List<String> dirs = new ArrayList<>();
        String path = env.get("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SBIN);
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
