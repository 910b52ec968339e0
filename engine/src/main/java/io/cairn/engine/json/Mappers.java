package io.cairn.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The engine's JSON mappers, one per kind of document. They are shared and thread-safe: use them as
 * they are and never reconfigure one (a {@code configure} call would change every document of its
 * kind); a new kind of document gets a new named mapper here.
 */
public final class Mappers {

    /**
     * Jackson's defaults, an unknown field refused: the API's request bodies (the caller hears which
     * field it got wrong), and what the engine reads back of its own writing or builds in memory
     * (conmon's sync messages, image configs and manifests it writes, a stage's config).
     */
    public static final ObjectMapper STRICT = new ObjectMapper();

    /**
     * Unknown fields ignored: documents another version or another program wrote (journal events
     * from an older or newer Cairn, seccomp profiles written for Docker).
     */
    public static final ObjectMapper TOLERANT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Index records: read as {@link #TOLERANT}; map keys written sorted, so that equal records give
     * equal bytes (the state digest relies on it).
     */
    public static final ObjectMapper INDEX = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * OCI documents (image index, manifest, config; the runtime spec), written canonically so that a
     * document written twice hashes the same: compact, fields in record declaration order, map keys
     * sorted, {@code null} fields left out (empty lists and maps kept); digests as
     * {@code algorithm:hex}, times in RFC 3339 UTC. Read tolerantly (registries and tools add their
     * own fields; times with any offset), but a {@code null} for a primitive is refused.
     */
    public static final ObjectMapper OCI = new ObjectMapper()
            .registerModule(OciTypes.module())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    /**
     * Configuration files an operator writes (daemon.json): read as a tree, a key written twice
     * refused (Jackson would keep the last silently), and nothing after the document.
     */
    public static final ObjectMapper CONFIG = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Mappers() {
    }

    /** Where a mapping failed, as a JSON path ({@code $.manifests[0].digest}), for error messages. */
    public static String jsonPath(JsonMappingException e) {
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
}
