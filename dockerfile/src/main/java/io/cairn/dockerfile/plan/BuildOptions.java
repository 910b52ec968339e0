package io.cairn.dockerfile.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user chose for a build: {@code --build-arg}s, {@code --target}, {@code --platform}.
 *
 * @param buildArgs values by name; the value is used as given (not expanded)
 * @param target    the stage to build; empty means the last stage
 * @param platform  the target platform (what {@code TARGETPLATFORM} says)
 * @param buildPlatform the platform the build runs on (what {@code BUILDPLATFORM} says)
 */
public record BuildOptions(Map<String, String> buildArgs, Optional<String> target, Platform platform,
                           Platform buildPlatform) {

    public BuildOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(buildPlatform, "buildPlatform");
    }

    /** Options for a build on this host. */
    public BuildOptions(Map<String, String> buildArgs, Optional<String> target, Platform platform) {
        this(buildArgs, target, platform, Platform.host());
    }

    /** No build args, the last stage, the host platform. */
    public static BuildOptions defaults() {
        return new BuildOptions(Map.of(), Optional.empty(), Platform.host());
    }
}
