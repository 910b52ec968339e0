package io.cairn.engine.runtime.spec;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Writes a {@link Spec} as {@code config.json}, canonically: compact UTF-8, fields in the records'
 * declaration order, map keys sorted, {@code null} fields left out (empty lists kept). The same
 * spec always gives the same bytes, so a bundle can be compared or hashed.
 */
public final class SpecJson {

    /** The OCI documents' canonical writing; a spec holds no digest or time, the OCI mapper's own types. */
    private static final ObjectMapper MAPPER = Mappers.OCI;

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
