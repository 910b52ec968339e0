package io.cairn.engine.build.cache;

import io.cairn.storage.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * DESIGN.md's cache key of a build step: the parent image, the config changes made since it
 * (metadata instructions make no image of their own), the expanded instruction, the build args in
 * scope, and for COPY/ADD the digest of the sources' names, modes, owners and contents.
 */
public final class CacheKey {

    /** Bump when what goes into a key changes, so old entries stop matching. */
    private static final String VERSION = "cairn-build-cache-v1";

    private CacheKey() {
    }

    /**
     * @param parent      the parent image ID, or {@code scratch}
     * @param pending     the config the step starts from, serialized without times (empty when it is the parent's)
     * @param instruction the expanded instruction with everything that changes its result (argv, env, mounts, network)
     * @param args        build args in scope
     * @param sources     digest of COPY/ADD sources, or empty
     * @return {@code sha256:<hex>}
     */
    public static String of(String parent, String pending, String instruction, Map<String, String> args, String sources) {
        StringBuilder b = new StringBuilder(VERSION).append('\n');
        field(b, "parent", parent);
        field(b, "config", pending);
        field(b, "instruction", instruction);
        new TreeMap<>(args).forEach((k, v) -> field(b, "arg", k + "=" + v));
        field(b, "sources", sources);
        return Digest.sha256(b.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Length-prefixed, so that no two different inputs give the same text. */
    private static void field(StringBuilder b, String name, String value) {
        b.append(name).append(' ').append(value.length()).append(':').append(value).append('\n');
    }
}
