package io.cairn.engine.state;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON encoding of index records. Map keys are sorted so that equal records give equal bytes, which
 * the state digest relies on.
 */
public final class StateCodec {

    private static final ObjectMapper MAPPER = Mappers.INDEX;

    private StateCodec() {
    }

    public static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(byte[] raw, Class<T> type, String family, String key) {
        try {
            return MAPPER.readValue(raw, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt index record " + family + "/" + key, e);
        }
    }
}
