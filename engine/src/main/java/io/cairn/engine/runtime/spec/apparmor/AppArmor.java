package io.cairn.engine.runtime.spec.apparmor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * AppArmor on this host: whether the kernel enforces it, and loading Cairn's default profile with
 * apparmor_parser, as Docker loads {@code docker-default} at start. A host without AppArmor (its
 * kernel lacks the module, or it is disabled) is not an error: containers then run without a
 * profile, which is all such a kernel can do.
 */
public final class AppArmor {

    private static final Logger LOG = Logger.getLogger(AppArmor.class.getName());
    private static final Path ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
    private static final Path PROFILES = Path.of("/sys/kernel/security/apparmor/profiles");
    private static final Path POLICY = Path.of("/etc/apparmor.d");
    private static final List<String> PARSERS = List.of("/usr/sbin/apparmor_parser", "/sbin/apparmor_parser");

    private AppArmor() {
    }

    /** Whether this kernel has AppArmor and enforces it. */
    public static boolean enabled() {
        return enabled(ENABLED);
    }

    /** Whether {@code parameter} (the module's {@code enabled} parameter) says {@code Y}. */
    static boolean enabled(Path parameter) {
        try {
            return Files.readString(parameter, StandardCharsets.US_ASCII).trim().startsWith("Y");
        } catch (IOException absent) {
            return false;
        }
    }

    /** Whether the kernel has a profile named {@code name} loaded (in {@code profiles}, one "NAME (mode)" per line). */
    static boolean loaded(Path profiles, String name) {
        try {
            return Files.readAllLines(profiles, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith(name + " "));
        } catch (IOException e) {
            return false;
        }
    }

    /** The profile this process runs under ({@code /proc/self/attr/current}), {@code unconfined} by default. */
    static String daemonProfile() {
        try {
            String current = Files.readString(Path.of("/proc/self/attr/current"), StandardCharsets.UTF_8).trim();
            String name = current.split(" ", 2)[0];
            return name.isEmpty() ? "unconfined" : name;
        } catch (IOException | RuntimeException e) {
            return "unconfined";
        }
    }

    /**
     * Makes sure the default profile ({@link AppArmorProfile#DEFAULT_NAME}) is loaded, when the
     * kernel has AppArmor; returns its name, or empty when there is no AppArmor here or the profile
     * could not be loaded (the reason is logged: containers then run without it, as on a kernel
     * without AppArmor, rather than not at all).
     */
    public static Optional<String> loadDefault() {
        if (!enabled()) {
            return Optional.empty();
        }
        String name = AppArmorProfile.DEFAULT_NAME;
        if (loaded(PROFILES, name)) {
            return Optional.of(name);
        }
        Optional<Path> parser = PARSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (parser.isEmpty()) {
            LOG.warning("AppArmor is enabled but apparmor_parser is missing (apt-get install apparmor): containers"
                    + " run without the " + name + " profile");
            return Optional.empty();
        }
        try {
            Path file = Files.createTempFile(name, ".profile");
            try {
                Files.writeString(file, AppArmorProfile.forHost(name, daemonProfile(), POLICY).text());
                // -K: no cache; -r: replace a profile of that name if one is loaded
                Process p = new ProcessBuilder(parser.get().toString(), "-Kr", file.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    LOG.warning("apparmor_parser could not load the " + name + " profile: " + out
                            + "; containers run without it");
                    return Optional.empty();
                }
                return Optional.of(name);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warning("cannot load the " + name + " AppArmor profile: " + e.getMessage() + "; containers run without it");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
