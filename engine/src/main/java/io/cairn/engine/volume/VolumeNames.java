package io.cairn.engine.volume;

import io.cairn.api.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Docker's rules for volume names, and its random names for volumes created without one. */
final class VolumeNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VolumeNames() {
    }

    static String check(String name) {
        if (name.length() < 2) {
            throw new InvalidArgumentException("volume name \"" + name
                    + "\" is too short, names should be at least two alphanumeric characters");
        }
        if (name.length() > 255 || !VALID.matcher(name).matches()) {
            throw new InvalidArgumentException("\"" + name + "\" includes invalid characters for a local volume name,"
                    + " only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed");
        }
        return name;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
