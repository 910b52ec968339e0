package io.cairn.engine.runtime.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * Writes a {@link Spec} as {@code config.json}, canonically: compact UTF-8, fields in the records'
 * declaration order, map keys sorted, {@code null} fields left out (empty lists kept). The same
 * spec always gives the same bytes, so a bundle can be compared or hashed.
 */
public final class SpecJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private SpecJson() {
    }

    /** The canonical JSON bytes of {@code spec}. */
    public static byte[] write(Spec spec) {
        try {
            return MAPPER.writeValueAsBytes(spec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the runtime spec", e);
        }
    }
}
