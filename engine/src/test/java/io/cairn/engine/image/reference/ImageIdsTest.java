package io.cairn.engine.image.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageIdsTest {

    private static final String FULL = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"0123456789ab", "sha256:0123456789ab", FULL, "sha256:" + FULL, "0123456789abcdef0"})
    void recognizesIdsAndPrefixes(String text) {
        assertTrue(ImageIds.looksLikeId(text));
        assertEquals(text.replace("sha256:", ""), ImageIds.hex(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789a", "0123456789AB", "sha512:0123456789ab", "busybox",
            "0123456789ag", FULL + "0", "sha256:", "sha256:0123"})
    void rejectsEverythingElse(String text) {
        assertFalse(ImageIds.looksLikeId(text));
        assertThrows(IllegalArgumentException.class, () -> ImageIds.hex(text));
    }

    @Test
    void fullAndShortForms() {
        assertTrue(ImageIds.isFullId("sha256:" + FULL));
        assertFalse(ImageIds.isFullId("0123456789ab"));
        assertFalse(ImageIds.looksLikeId(null));
        assertEquals("0123456789ab", ImageIds.shortId("sha256:" + FULL));
    }
}
