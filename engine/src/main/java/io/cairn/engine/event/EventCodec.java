package io.cairn.engine.event;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes events as compact JSON payloads for the journal and decodes them back. JSON keeps
 * {@code cairn journal dump} readable and old entries decodable when records grow optional fields.
 * Thread-safe.
 */
public final class EventCodec {

    private final ObjectMapper mapper = Mappers.TOLERANT;
    // Made on a type's first decode: a reader builds its type's deserializer when made, and making all
    // of them up front was ~0.1 s of every daemon start, most of it for types a start never reads
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public byte[] encode(Event event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + EventTypes.nameOf(event), e);
        }
    }

    /**
     * Decodes a payload of the given journal type and schema version.
     *
     * @throws IllegalArgumentException naming the type when it is unknown, too new or malformed
     */
    public Event decode(String type, int schemaVersion, byte[] payload) {
        Class<? extends Event> cls = EventTypes.classOf(type);
        if (cls == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
        int newest = EventTypes.versionOf(type);
        if (schemaVersion < 1 || schemaVersion > newest) {
            throw new IllegalArgumentException("event type '" + type + "' has schema version " + schemaVersion
                    + "; this Cairn reads versions 1 to " + newest + " (a newer Cairn wrote it)");
        }
        try {
            return readers.computeIfAbsent(cls, mapper::readerFor).readValue(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed '" + type + "' payload: " + e.getMessage(), e);
        }
    }
}
