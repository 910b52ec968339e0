package io.cairn.dockerfile.plan;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI platform {@code os/architecture[/variant]}, as in {@code --platform} and the
 * {@code TARGETPLATFORM} / {@code BUILDPLATFORM} args.
 */
public record Platform(String os, String architecture, String variant) {

    private static final Pattern PART = Pattern.compile("[a-z0-9_.-]+");

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
    }

    /** The platform of this JVM's host, with Go's architecture names. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch", "amd64")) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return new Platform("linux", arch, arch.equals("arm64") ? "v8" : "");
    }

    /**
     * Parses {@code os/arch[/variant]} (or {@code os} alone, with the host's architecture).
     *
     * @throws IllegalArgumentException naming the text when it is not a platform
     */
    public static Platform parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw new IllegalArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant]");
            }
        }
        if (parts.length == 1) {
            Platform h = host();
            return new Platform(parts[0], h.architecture(), h.variant());
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** {@code os/arch} or {@code os/arch/variant}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
