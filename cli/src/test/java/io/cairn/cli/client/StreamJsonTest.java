package io.cairn.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    @Test
    void treesAreTheNodesTheMapperReads() throws Exception {
        for (String json : List.of(
                "{\"Id\":\"abc\",\"Warnings\":[],\"NCPU\":2,\"MemTotal\":25769803776,\"Big\":123456789012345678901234567890}",
                "{\"f\":0.5,\"e\":-3e-2,\"t\":true,\"n\":null,\"o\":{\"a\":[1,{\"b\":\"\\u00e9\\n\"}]},\"dup\":1,\"dup\":2}",
                "[1,-2147483649,2147483647,\"x\"]",
                "\"just text\"",
                "42",
                "null",
                " {} ")) {
            // JsonNode.equals compares node kinds too: an IntNode is not a LongNode of the same value
            assertEquals(JACKSON.readTree(json), StreamJson.tree(json.getBytes(StandardCharsets.UTF_8)), json);
        }
        assertNull(StreamJson.tree(new byte[0]));
        assertNull(StreamJson.tree("  ".getBytes(StandardCharsets.UTF_8)));
        for (String bad : List.of("{", "{\"a\":}", "tru", "[1,]")) {
            assertThrows(IOException.class, () -> StreamJson.tree(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void plainValuesAreWrittenAsTheMapperWritesThem() throws Exception {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("Binds", List.of("/a:/b"));
        host.put("Memory", 1L << 33);
        host.put("CpuShares", 512);
        host.put("Tmpfs", Map.of());
        host.put("NanoCpus", new java.math.BigDecimal("1.5"));
        host.put("Ratio", 0.25);
        host.put("Init", true);
        host.put("None", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", "bb \"quoted\" é\n");
        body.put("Cmd", List.of("true"));
        body.put("HostConfig", host);
        assertTrue(StreamJson.plain(body));
        assertArrayEquals(JACKSON.writeValueAsBytes(body), StreamJson.bytes(body));
        assertFalse(StreamJson.plain(Map.of("Path", Path.of("/x"))));
        assertFalse(StreamJson.plain(List.of(new Object())));
        assertFalse(StreamJson.plain(Map.of(1, "not a string key")));
        assertFalse(StreamJson.plain(JACKSON.createObjectNode()));
    }
}
