package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** COPY --parents sources: the /./ pivot, and the include pattern below it. */
class ParentsSourceTest {

    @Test
    void withoutAPivotTheWholePathIsKept() {
        ParentsSource s = ParentsSource.parse("./x/y/*.txt");
        assertEquals("", s.root());
        assertEquals("x/y/*.txt", s.pattern());
        assertFalse(s.required());
    }

    @Test
    void thePivotSplitsAtItsFirstOccurrence() {
        ParentsSource s = ParentsSource.parse("./x/./y/./z.txt");
        assertEquals("x", s.root());
        assertEquals("y/z.txt", s.pattern());
        assertTrue(s.required(), "no wildcard: the path must exist");
        ParentsSource abs = ParentsSource.parse("/app/./bin/tool");
        assertEquals("app", abs.root());
        assertEquals("bin/tool", abs.pattern());
    }

    @Test
    void neitherHalfClimbsOutOfTheTree() {
        ParentsSource s = ParentsSource.parse("../../etc/./../passwd");
        assertEquals("etc", s.root());
        assertEquals("passwd", s.pattern());
    }

    @Test
    void matchesTakesThePatternAndEverythingBelowAMatch() {
        ParentsSource s = ParentsSource.parse("src/**/*.txt");
        assertTrue(s.matches("src/a.txt"), "** matches no directory too");
        assertTrue(s.matches("src/x/y/c.txt"));
        assertFalse(s.matches("src/x/y/c.bin"));
        ParentsSource dir = ParentsSource.parse("pkg/*");
        assertTrue(dir.matches("pkg/sub/deep/file"), "below a matched directory");
        assertTrue(ParentsSource.parse("./").matches("anything"), "an empty pattern takes everything");
    }

    @Test
    void mayMatchBelowPrunesDirectoriesThatCannotLead() {
        ParentsSource s = ParentsSource.parse("packages/*/package.json");
        assertTrue(s.mayMatchBelow("packages"));
        assertTrue(s.mayMatchBelow("packages/web"));
        assertFalse(s.mayMatchBelow("apps"));
        assertFalse(s.mayMatchBelow("packages/web/src"), "deeper than the pattern");
        assertTrue(ParentsSource.parse("a/**/z").mayMatchBelow("a/b/c/d"));
        assertFalse(ParentsSource.parse("a/**/z").mayMatchBelow("b"));
    }
}
