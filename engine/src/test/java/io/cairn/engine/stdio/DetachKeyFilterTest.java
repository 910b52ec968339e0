package io.cairn.engine.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.DetachKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeyFilterTest {

    private static String text(DetachKeyFilter.Chunk c) {
        return new String(c.data(), 0, c.length(), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSequenceEndsTheInputAfterWhatCameBeforeIt() {
        DetachKeyFilter f = new DetachKeyFilter(DetachKeys.parse(null));
        DetachKeyFilter.Chunk c = f.filter(bytes("ab\u0010\u0011cd"), 6);
        assertTrue(c.detached());
        assertEquals("ab", text(c));
    }

    @Test
    void aSequenceSplitAcrossReadsIsHeldBackThenRecognised() {
        DetachKeyFilter f = new DetachKeyFilter(DetachKeys.parse("ctrl-x,y"));
        DetachKeyFilter.Chunk first = f.filter(bytes("a\u0018"), 2);
        assertFalse(first.detached());
        assertEquals("a", text(first));
        assertTrue(f.filter(bytes("y"), 1).detached());
    }

    @Test
    void aPrefixThatIsNotTheSequenceIsPassedOnAndMayRestartIt() {
        DetachKeyFilter f = new DetachKeyFilter(DetachKeys.parse("ctrl-p,ctrl-q"));
        DetachKeyFilter.Chunk c = f.filter(bytes("\u0010z\u0010\u0010"), 4);
        assertFalse(c.detached());
        assertEquals("\u0010z\u0010", text(c)); // the last Ctrl-P is held: it may begin the sequence
        DetachKeyFilter.Chunk d = f.filter(bytes("\u0011"), 1);
        assertTrue(d.detached());
        assertEquals("", text(d));
    }

    @Test
    void aOneKeySequenceAndNoKeys() {
        assertTrue(new DetachKeyFilter(DetachKeys.parse("q")).filter(bytes("xq"), 2).detached());
        DetachKeyFilter none = new DetachKeyFilter(new byte[0]);
        DetachKeyFilter.Chunk c = none.filter(bytes("\u0010\u0011"), 2);
        assertFalse(c.detached());
        assertEquals("\u0010\u0011", text(c));
    }
}
