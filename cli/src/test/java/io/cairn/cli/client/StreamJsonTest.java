package io.cairn.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (String json : List.of(
                "{\"step\":3,\"state\":\"log\",\"seconds\":0.125,\"line\":\"a \\\"quoted\\\" \\u00e9\\\\ \\t\",\"stream\":\"#3 x\\n\"}",
                "{\"aux\":{\"ID\":\"sha256:00\"}}",
                "{\"error\":\"boom\",\"errorDetail\":{\"message\":\"boom\"}}",
                " { \"a\" : [ 1 , -2 , 3.5e2 , true , false , null , { } , [ ] ] } ",
                "{}")) {
            // compared as Jackson writes them: it reads small integers as Integer, StreamJson as Long
            assertEquals(JACKSON.writeValueAsString(JACKSON.readValue(json, Object.class)),
                    JACKSON.writeValueAsString(StreamJson.parse(json)), json);
        }
    }

    @Test
    void writesWhatJacksonReadsBack() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "line\nbreak \"q\" \\ tab\t ctl\u0001 é");
        value.put("n", 42L);
        value.put("list", List.of("a", 1L, true));
        value.put("none", null);
        value.put("nested", Map.of("k", "v"));
        String written = StreamJson.write(value);
        assertEquals(JACKSON.writeValueAsString(value), JACKSON.writeValueAsString(JACKSON.readValue(written, Object.class)));
        assertEquals(JACKSON.writeValueAsString(Map.of("GREETING", "hi there")), StreamJson.write(Map.of("GREETING", "hi there")));
    }

    @Test
    void malformedInputNamesTheOffset() {
        for (String bad : List.of("{", "{\"a\":}", "{\"a\" 1}", "[1,]x", "{\"a\":\"\\q\"}", "tru", "\"open", "{\"a\":1}}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamJson.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at offset "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StreamJson.object("[1]"));
    }
}
