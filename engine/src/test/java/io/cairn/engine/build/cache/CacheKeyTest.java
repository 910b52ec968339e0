package io.cairn.engine.build.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private static final String BASE = CacheKey.of("sha256:aa", "", "RUN make", Map.of("V", "1"), "");

    @Test
    void sameInputsGiveTheSameKeyWhateverTheArgOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("A", "1");
        a.put("B", "2");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("B", "2");
        b.put("A", "1");
        assertEquals(CacheKey.of("p", "", "RUN x", a, ""), CacheKey.of("p", "", "RUN x", b, ""));
        assertTrue(BASE.matches("sha256:[0-9a-f]{64}"), BASE);
    }

    @Test
    void everyInputChangesTheKey() {
        assertNotEquals(BASE, CacheKey.of("sha256:ab", "", "RUN make", Map.of("V", "1"), ""));
        assertNotEquals(BASE, CacheKey.of("sha256:aa", "{\"Env\":[]}", "RUN make", Map.of("V", "1"), ""));
        assertNotEquals(BASE, CacheKey.of("sha256:aa", "", "RUN make all", Map.of("V", "1"), ""));
        assertNotEquals(BASE, CacheKey.of("sha256:aa", "", "RUN make", Map.of("V", "2"), ""));
        assertNotEquals(BASE, CacheKey.of("sha256:aa", "", "RUN make", Map.of(), ""));
        assertNotEquals(BASE, CacheKey.of("sha256:aa", "", "RUN make", Map.of("V", "1"), "sha256:01"));
    }

    @Test
    void fieldsCannotBleedIntoEachOther() {
        assertNotEquals(CacheKey.of("p", "ab", "c", Map.of(), ""), CacheKey.of("p", "a", "bc", Map.of(), ""));
        assertNotEquals(CacheKey.of("p", "", "x", Map.of("A", "1"), ""), CacheKey.of("p", "", "x", Map.of(), "A=1"));
    }
}
