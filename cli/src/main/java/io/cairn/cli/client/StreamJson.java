package io.cairn.cli.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the client's streaming paths through jackson-core's parser and generator, without
 * databind. Under the client's C1-only JVM, building databind's {@code ObjectMapper} costs ≈ 40 ms
 * even from the class-data archive; a command that only sends a few strings and reads flat progress
 * lines ({@code cairn build}) should not pay that, and a {@link JsonFactory} costs next to nothing.
 * Objects read as {@link LinkedHashMap}, arrays as {@link List}, integers as {@link Long} (larger
 * ones as {@link java.math.BigInteger}), other numbers as {@link Double}, and
 * {@code true}/{@code false}/{@code null} as themselves.
 *
 * <p>{@link #tree} reads the daemon's answers as databind's {@link JsonNode} trees, node for node as
 * {@code ObjectMapper.readTree} builds them, but from the parser and {@link JsonNodeFactory} alone:
 * the mapper (its type factory, serializer caches, date format and locale data) is what costs the
 * ≈ 40 ms, not the node classes.
 *
 * <p>Malformed input throws {@link IllegalArgumentException} naming the offset.
 */
public final class StreamJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamJson() {
    }

    /** Parses one JSON value (with only whitespace around it). */
    public static Object parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw malformed(json, json.length(), "unexpected end");
            }
            Object v = value(p);
            if (p.nextToken() != null) {
                throw malformed(json, p.currentTokenLocation().getCharOffset(), "unexpected text after the value");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw malformed(json, e.getLocation() == null ? -1 : e.getLocation().getCharOffset(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        Object v = parse(json);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object: " + abbreviate(json));
        }
        return (Map<String, Object>) v;
    }

    /**
     * The JSON value of {@code json} as a tree, as {@code ObjectMapper.readTree} reads it: integers as
     * {@code IntNode}, {@code LongNode} or {@code BigIntegerNode} by size, other numbers as
     * {@code DoubleNode}, a repeated key keeps its last value; text after the first value is ignored.
     * Empty input gives {@code null}.
     *
     * @throws IOException when the input is not JSON
     */
    public static JsonNode tree(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return p.nextToken() == null ? null : node(p);
        }
    }

    /** True when {@link #write} can write {@code value}: maps with string keys, lists and scalars only. */
    public static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> l) {
            for (Object item : l) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@link #write} in UTF-8. */
    public static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes maps (string keys), lists, strings, numbers, booleans and null as JSON. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    private static void write(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                write(item, g);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getSimpleName() + " as JSON");
        }
    }

    /** The value that starts at the parser's current token. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    out.put(key, value(p));
                }
                return out;
            }
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(value(p));
                }
                return out;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("no JSON value starts with " + t);
        }
    }

    /** The node that starts at the parser's current token. */
    private static JsonNode node(JsonParser p) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode out = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    out.set(key, node(p));
                }
                return out;
            }
            case START_ARRAY -> {
                ArrayNode out = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(node(p));
                }
                return out;
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new IllegalStateException("no JSON value starts with " + p.currentToken());
        }
    }

    private static IllegalArgumentException malformed(String json, long offset, String what) {
        return new IllegalArgumentException("malformed JSON at offset " + offset + ": " + what + ": " + abbreviate(json));
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
