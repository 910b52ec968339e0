package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

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

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("oci")
                    .addSerializer(Digest.class, new DigestWriter())
                    .addDeserializer(Digest.class, new DigestReader())
                    .addSerializer(Instant.class, new InstantWriter())
                    .addDeserializer(Instant.class, new InstantReader()))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

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
            throw new InvalidArgumentException("invalid " + what + ": " + rootMessage(e) + " at " + path(e));
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

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static final class DigestWriter extends JsonSerializer<Digest> {
        @Override
        public void serialize(Digest value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class DigestReader extends JsonDeserializer<Digest> {
        @Override
        public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Digest.parse(text);
            } catch (IllegalArgumentException e) {
                return (Digest) ctxt.handleWeirdStringValue(Digest.class, text, e.getMessage());
            }
        }
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** RFC 3339 with any offset, as Go writes {@code time.Time} (nanoseconds, {@code Z} or {@code +hh:mm}). */
    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 time");
            }
        }
    }
}
