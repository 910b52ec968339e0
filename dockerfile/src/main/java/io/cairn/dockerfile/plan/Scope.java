package io.cairn.dockerfile.plan;

import java.util.Map;

/**
 * The variables in effect at one instruction. Snapshots are shared between consecutive steps
 * until an ENV or ARG changes them.
 *
 * @param env  the stage's environment (base image's, then ENV), in definition order
 * @param args the stage's ARGs that have a value (build arg or default); RUN sees them as environment
 */
public record Scope(Map<String, String> env, Map<String, String> args) {

    public Scope {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** The value expansion sees: ENV wins over ARG. */
    public String lookup(String name) {
        String v = env.get(name);
        return v != null ? v : args.get(name);
    }
}
