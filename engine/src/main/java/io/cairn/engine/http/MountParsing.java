package io.cairn.engine.http;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.MountSpec;
import java.util.List;

/** Docker's {@code -v SRC:DST[:ro|rw]} bind syntax: an absolute SRC is a host path, otherwise a volume name. */
final class MountParsing {

    private MountParsing() {
    }

    /** Whether the host runs SELinux, where {@code z}/{@code Z} would ask for a relabel Cairn does not do. */
    private static final boolean SELINUX = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/selinux/enforce"));

    static MountSpec bind(String spec) {
        return bind(spec, SELINUX);
    }

    /**
     * {@code SRC:DST[:MODES]}, MODES a comma-separated list of at most one of {@code ro}/{@code rw} and
     * at most one SELinux label mode {@code z}/{@code Z} (Testcontainers sends {@code rw,z}). Docker
     * relabels only where SELinux is enabled and ignores the label mode elsewhere; Cairn does not
     * relabel, so it takes the label mode only where there is nothing to relabel.
     */
    static MountSpec bind(String spec, boolean selinux) {
        String[] parts = spec.split(":");
        if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
        }
        if (parts.length == 1) {
            return new MountSpec("volume", "", parts[0], false, List.of());
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            int rw = 0;
            int label = 0;
            for (String mode : parts[2].split(",", -1)) {
                switch (mode) {
                    case "ro" -> {
                        readOnly = true;
                        rw++;
                    }
                    case "rw" -> rw++;
                    case "z", "Z" -> label++;
                    default -> throw invalidMode(parts[2], spec);
                }
            }
            if (rw > 1 || label > 1) {
                throw invalidMode(parts[2], spec);
            }
            if (label == 1 && selinux) {
                throw new InvalidArgumentException("SELinux relabeling (" + parts[2] + ") is not supported: '" + spec + "'");
            }
        }
        String type = parts[0].startsWith("/") ? "bind" : "volume";
        return new MountSpec(type, parts[0], parts[1], readOnly, List.of());
    }

    private static InvalidArgumentException invalidMode(String mode, String spec) {
        return new InvalidArgumentException("invalid mode: " + mode + " in volume specification '" + spec + "'");
    }
}
