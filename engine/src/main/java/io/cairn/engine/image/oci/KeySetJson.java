package io.cairn.engine.image.oci;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Go's {@code map[string]struct{}} as Docker writes ExposedPorts and Volumes: a JSON object whose
 * values are all {@code {}}, read as the set of its keys (values are skipped, whatever they are)
 * and written sorted.
 */
final class KeySetJson {

    private KeySetJson() {
    }

    static final class Writer extends JsonSerializer<Set<String>> {
        @Override
        public void serialize(Set<String> keys, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (String key : new TreeSet<>(keys)) {
                gen.writeFieldName(key);
                gen.writeStartObject();
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Set<String>> {
        @Override
        public Set<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return ctxt.reportInputMismatch(Set.class, "expected an object of keys, found %s", p.currentToken());
            }
            Set<String> keys = new TreeSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            return Collections.unmodifiableSet(keys);
        }
    }
}
