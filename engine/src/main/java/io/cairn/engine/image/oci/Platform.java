package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The platform a manifest in an index runs on (OCI image-index {@code platform}). {@code
 * architecture} and {@code os} are required, the rest optional ({@code null} when absent).
 */
public record Platform(
        String architecture,
        String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        String variant,
        List<String> features) {

    public Platform {
        Objects.requireNonNull(architecture, "platform architecture");
        Objects.requireNonNull(os, "platform os");
    }

    /** A platform with only os and architecture. */
    public static Platform of(String os, String architecture) {
        return new Platform(architecture, os, null, null, null, null);
    }

    /**
     * The platform of this JVM in Go's names (linux/amd64, linux/arm64, ...), which is what a
     * multi-platform index is searched for.
     */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "arm" -> "arm";
            default -> System.getProperty("os.arch");
        };
        return of("linux", arch);
    }

    /** Whether this platform has the same os and architecture as {@code wanted} (variants are not compared). */
    public boolean matches(Platform wanted) {
        return os.equals(wanted.os) && architecture.equals(wanted.architecture);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
