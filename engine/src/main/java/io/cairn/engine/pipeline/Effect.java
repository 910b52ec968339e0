package io.cairn.engine.pipeline;

/**
 * Work that follows indexed events (create a directory, unpack, run a container). Effects with the
 * same key run in decision order; different keys run concurrently. An effect must be idempotent:
 * recovery may run it again when the daemon died before it finished.
 *
 * @param key    serializes effects on one object (for example {@code volume:NAME})
 * @param action the work
 */
public record Effect(String key, Action action) {

    /** The work of an effect. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
