package io.cairn.engine.image.oci;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads and writes the image JSON documents of this package.
 *
 * <p>Reading is tolerant: unknown fields are ignored (registries and tools add their own), and a
 * document that does not parse, or lacks a required field, is an {@link InvalidArgumentException}
 * naming what was read and the JSON path of the problem.
 *
 * <p>Writing is canonical, so that a document Cairn writes twice hashes the same: compact (no
 * white space), fields in record declaration order, map keys sorted, {@code null} fields left out
 * (empty lists and maps are kept), no HTML escaping, UTF-8; digests as {@code algorithm:hex},
 * times in RFC 3339 UTC ({@link Instant#toString()}).
 */
public final class OciJson {

    private static final ObjectMapper MAPPER = Mappers.OCI;

    private OciJson() {
    }

    /**
     * Parses {@code json} as {@code type}; {@code what} names the document in errors (a file in
     * an archive, a blob digest), e.g. {@code invalid index.json: ... at $.manifests[0].digest}.
     */
    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidArgumentException("invalid " + what + ": null instead of a JSON object");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new InvalidArgumentException("invalid " + what + ": " + rootMessage(e) + " at " + Mappers.jsonPath(e));
        } catch (JacksonException e) {
            throw new InvalidArgumentException("invalid " + what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    /** The canonical JSON bytes of {@code document} (see the class comment). */
    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + document.getClass().getSimpleName(), e);
        }
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.getOriginalMessage() : cause.getMessage();
    }
}
