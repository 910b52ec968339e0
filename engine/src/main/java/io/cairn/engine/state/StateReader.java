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

    /**
     * Visits the records whose key starts with {@code prefix}, decoded from the scan itself: a record deleted
     * between the scan and a second read would otherwise appear as {@code null} to a caller racing a removal.
     */
    default <T> void scan(String family, String prefix, Class<T> type, RecordVisitor<T> visitor) {
        scan(family, prefix, (k, v) -> visitor.visit(k, StateCodec.decode(v, type, family, k)));
    }

    /** Every record whose key starts with {@code prefix}, in key order. */
    default <T> java.util.List<T> list(String family, String prefix, Class<T> type) {
        java.util.List<T> out = new java.util.ArrayList<>();
        scan(family, prefix, type, (k, r) -> out.add(r));
        return out;
    }

    /** Receives decoded records during {@link #scan(String, String, Class, RecordVisitor)}. */
    @FunctionalInterface
    interface RecordVisitor<T> {
        /** @return {@code false} to stop */
        boolean visit(String key, T record);
    }

    /** The decoded record, or {@code null}. */
    default <T> T read(String family, String key, Class<T> type) {
        byte[] raw = get(family, key);
        return raw == null ? null : StateCodec.decode(raw, type, family, key);
    }
}
