package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DetachKeysTest {

    @Test
    void dockersSyntax() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(null));
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(""));
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("ctrl-p,ctrl-q"));
        assertArrayEquals(new byte[] {1, 'x'}, DetachKeys.parse("ctrl-a,x"));
        assertArrayEquals(new byte[] {0, 27, 28, 29, 30, 31}, DetachKeys.parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_"));
        assertArrayEquals(new byte[] {26}, DetachKeys.parse("CTRL-Z"));
    }

    @Test
    void unknownKeysAreRefusedByName() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse("ctrl-p,meta-q"));
        assertEquals(true, e.getMessage().contains("'meta-q'"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse("ctrl-1"));
        assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse("ab"));
        assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse("ctrl-p,"));
        assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse("é"));
    }
}
