package io.cairn.engine.state;

/** Where a projection of an event puts its changes. */
public interface StateWriter {

    void put(String family, String key, byte[] value);

    void delete(String family, String key);

    /** Encodes and puts a record. */
    default void write(String family, String key, Object record) {
        put(family, key, StateCodec.encode(record));
    }
}
