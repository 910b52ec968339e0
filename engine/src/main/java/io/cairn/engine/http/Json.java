package io.cairn.engine.http;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.InvalidArgumentException;
import java.io.IOException;

/** The daemon's JSON mapper; request bodies that do not parse are the caller's error, naming the field. */
final class Json {

    static final ObjectMapper MAPPER = Mappers.STRICT;

    private Json() {
    }

    static <T> T read(String body, Class<T> type, String what) {
        if (body == null || body.isBlank()) {
            body = "{}";
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new InvalidArgumentException("invalid " + what + " body: unknown field \"" + e.getPropertyName() + "\"");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String detail = e.getOriginalMessage();
            throw new InvalidArgumentException("invalid " + what + " body: " + detail);
        } catch (IOException e) {
            throw new InvalidArgumentException("invalid " + what + " body: " + e.getMessage());
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
