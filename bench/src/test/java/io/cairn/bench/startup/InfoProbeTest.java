package io.cairn.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat reader reads what databind reads for the scalar members, skips nested values, and names bad offsets. */
class InfoProbeTest {

    @Test
    void readsScalarsAsJacksonDoesAndSkipsNestedValues() throws Exception {
        String json = "{ \"ServerVersion\":\"0.1.0\", \"NCPU\": 2, \"MemTotal\":25275703296,\"Halted\":null,"
                + "\"Debug\":false, \"Labels\":[\"a\",{\"b\":\"}\"}], \"Plugins\":{\"Volume\":[\"local\"]},"
                + "\"Root\":\"/var/lib/\\\"cairn\\\"\\u00e9\\n\" }";
        Map<String, String> flat = InfoProbe.scalars(json);
        assertEquals(List.of("ServerVersion", "NCPU", "MemTotal", "Halted", "Debug", "Root"), List.copyOf(flat.keySet()));
        Map<String, String> jackson = new LinkedHashMap<>();
        new ObjectMapper().readTree(json).fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                jackson.put(e.getKey(), e.getValue().isNull() ? "null" : e.getValue().asText());
            }
        });
        assertEquals(jackson, flat);
    }

    @Test
    void emptyObject() {
        assertEquals(Map.of(), InfoProbe.scalars(" {} "));
    }

    @Test
    void malformedInputNamesTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfoProbe.scalars("{\"a\" 1}"));
        assertTrue(e.getMessage().contains("at offset 5 "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InfoProbe.scalars("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> InfoProbe.scalars("{\"a\":\"\\x\"}"));
        assertThrows(IllegalArgumentException.class, () -> InfoProbe.scalars("[1]"));
    }

    @Test
    void dechunksAChunkedBody() {
        assertEquals("{\"a\":1}", InfoProbe.dechunk("3\r\n{\"a\r\n4;ext=1\r\n\":1}\r\n0\r\n\r\n"));
    }
}
