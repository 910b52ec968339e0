package io.cairn.api;

import java.nio.file.Path;

/**
 * Which root a command acts on, the same rule for the client and the engine's own entry point
 * (both accept {@code --root}): the flag, then {@code $CAIRN_ROOT}, then {@value #DEFAULT}.
 */
public final class EngineRoot {

    /** The root when neither {@code --root} nor {@code $CAIRN_ROOT} names one. */
    public static final String DEFAULT = "/var/lib/cairn";

    private EngineRoot() {
    }

    /** The root in effect for a {@code --root} value ({@code null} when the flag was not given). */
    public static Path resolve(Path flag) {
        if (flag != null) {
            return flag.toAbsolutePath().normalize();
        }
        String env = System.getenv("CAIRN_ROOT");
        return Path.of(env != null && !env.isEmpty() ? env : DEFAULT).toAbsolutePath().normalize();
    }
}
