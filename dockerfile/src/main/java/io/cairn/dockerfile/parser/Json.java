package io.cairn.dockerfile.parser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an exec-form argument: a JSON array of strings (RFC 8259), nothing after it but
 * whitespace. Three outcomes, as in Docker: a list of strings; "not a string array" (valid JSON
 * with a non-string element, an error); or "not JSON" (the caller falls back to shell form).
 * jackson-core's strict parser does the reading; its token locations give each element's offset.
 */
final class Json {

    /** Maximum nesting accepted inside an element before giving up (then: not JSON). */
    private static final int MAX_DEPTH = 32;

    /**
     * No length limits: a Dockerfile line of any length is JSON or not by the grammar alone (Jackson's
     * defaults would call a 1001-digit number "not JSON"); nesting is bounded by {@link #MAX_DEPTH}.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** A decoded element and the offset of its opening quote. */
    record Element(String value, int offset) {
    }

    /** Thrown for valid JSON that is not an array of strings. */
    static final class NotStringArray extends Exception {
        private static final long serialVersionUID = 1L;

        NotStringArray() {
            super("when using JSON array syntax, arrays must be comprised of strings only", null, false, false);
        }
    }

    private Json() {
    }

    /** The elements, or null when {@code s} from {@code start} is not a JSON array. */
    static List<Element> parseStringArray(String s, int start) throws NotStringArray {
        int at = start;
        while (at < s.length() && " \t\n\r".indexOf(s.charAt(at)) >= 0) {
            at++;
        }
        if (at >= s.length() || s.charAt(at) != '[') {
            return null;
        }
        boolean notString = false;
        List<Element> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(s.substring(start))) {
            p.nextToken(); // the '['
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    out.add(new Element(p.getText(), start + (int) p.currentTokenLocation().getCharOffset()));
                } else {
                    notString = true;
                    if (t.isStructStart() && !skip(p)) {
                        return null;
                    }
                }
            }
            if (p.nextToken() != null) {
                return null; // text after the array: not exec form
            }
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string", e);
        }
        if (notString) {
            throw new NotStringArray();
        }
        return out;
    }

    /**
     * Skips the object or array the parser is at (an element); false when a value inside it sits
     * deeper than {@link #MAX_DEPTH} containers below the element.
     */
    private static boolean skip(JsonParser p) throws IOException {
        int open = 1;
        while (open > 0) {
            JsonToken t = p.nextToken();
            if (t.isStructEnd()) {
                open--;
            } else if (t != JsonToken.FIELD_NAME) {
                if (open > MAX_DEPTH) {
                    return false;
                }
                if (t.isStructStart()) {
                    open++;
                }
            }
        }
        return true;
    }
}
