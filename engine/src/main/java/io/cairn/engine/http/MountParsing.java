package io.cairn.engine.http;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.MountSpec;
import java.util.List;

/** Docker's {@code -v SRC:DST[:ro|rw]} bind syntax: an absolute SRC is a host path, otherwise a volume name. */
final class MountParsing {

    private MountParsing() {
    }

    static MountSpec bind(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
        }
        if (parts.length == 1) {
            return new MountSpec("volume", "", parts[0], false, List.of());
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            switch (parts[2]) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                default -> throw new InvalidArgumentException("invalid mode: " + parts[2] + " in volume specification '" + spec + "'");
            }
        }
        String type = parts[0].startsWith("/") ? "bind" : "volume";
        return new MountSpec(type, parts[0], parts[1], readOnly, List.of());
    }
}
