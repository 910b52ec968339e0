package io.cairn.engine.build;

/**
 * Receives a build's progress as it happens, in BuildKit's vertex model: every step is a vertex
 * numbered from 1 that starts, then logs output lines, and ends cached, done or failed. Calls come
 * from the building thread and, for RUN output, from one log thread per step; implementations
 * must be thread-safe.
 */
public interface BuildListener {

    /** Vertex {@code vertex} named {@code name} (e.g. {@code [2/3] RUN make}) started. */
    void started(int vertex, String name);

    /** The step's result came from the cache. */
    void cached(int vertex);

    /** A line the step wrote, {@code seconds} after it started. */
    void log(int vertex, double seconds, String line);

    /** The step finished after {@code seconds}. */
    void done(int vertex, double seconds);

    /** The step failed with {@code message}. */
    void failed(int vertex, String message);

    /** A note about the build as a whole (e.g. unused build args). */
    void warning(String message);

    /** A listener that drops everything. */
    BuildListener NONE = new BuildListener() {
        @Override
        public void started(int vertex, String name) {
        }

        @Override
        public void cached(int vertex) {
        }

        @Override
        public void log(int vertex, double seconds, String line) {
        }

        @Override
        public void done(int vertex, double seconds) {
        }

        @Override
        public void failed(int vertex, String message) {
        }

        @Override
        public void warning(String message) {
        }
    };
}
