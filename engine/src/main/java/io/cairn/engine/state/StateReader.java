package io.cairn.engine.state;

/**
 * Read access to the engine's state as a decision sees it: every event decided before, whether or
 * not it is indexed yet. Keys are UTF-8 strings; values are JSON records (see {@link StateCodec}).
 */
public interface StateReader {

    /** The raw value, or {@code null}. */
    byte[] get(String family, String key);

    /** Visits entries whose key starts with {@code prefix}, in key order, until the visitor says stop. */
    void scan(String family, String prefix, Visitor visitor);

    /** Receives entries during {@link #scan}. */
    @FunctionalInterface
    interface Visitor {
        /** @return {@code false} to stop */
        boolean visit(String key, byte[] value);
    }

    /** The decoded record, or {@code null}. */
    default <T> T read(String family, String key, Class<T> type) {
        byte[] raw = get(family, key);
        return raw == null ? null : StateCodec.decode(raw, type, family, key);
    }
}
