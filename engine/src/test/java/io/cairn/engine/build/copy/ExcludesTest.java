package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --exclude patterns: .dockerignore syntax, cleaned like its lines, bad ones named. */
class ExcludesTest {

    @Test
    void starStopsAtSlashAndDoubleStarSpansDirectories() {
        Excludes top = Excludes.of(List.of("*.md"));
        assertTrue(top.matches("README.md"));
        assertFalse(top.matches("docs/guide.md"), "BuildKit: *.md is one level; **/*.md reaches below");
        Excludes deep = Excludes.of(List.of("**/*.md"));
        assertTrue(deep.matches("README.md"));
        assertTrue(deep.matches("docs/sub/guide.md"));
        assertFalse(deep.matches("docs/guide.txt"));
    }

    @Test
    void aMatchedDirectoryTakesEverythingBelowAndTheLastMatchWins() {
        Excludes e = Excludes.of(List.of("tests", "!tests/keep.txt"));
        assertTrue(e.matches("tests"));
        assertTrue(e.matches("tests/unit/a.txt"));
        assertFalse(e.matches("tests/keep.txt"));
        assertTrue(e.reincludes());
        assertFalse(Excludes.of(List.of("tests")).reincludes());
    }

    @Test
    void patternsAreCleanedAsDockerignoreLinesAre() {
        Excludes e = Excludes.of(List.of(" /a/../b/*.tmp ", "./c", "! d "));
        assertEquals(List.of("b/*.tmp", "c", "!d"), e.patterns());
        assertTrue(e.matches("b/x.tmp"));
        assertTrue(e.matches("c"));
        assertFalse(e.matches(""), "the source itself is never a match");
    }

    @Test
    void noPatternsMatchNothing() {
        assertTrue(Excludes.none().isEmpty());
        assertFalse(Excludes.of(List.of()).matches("anything"));
    }

    @Test
    void anEmptyOrMalformedPatternIsNamed() {
        CopyException empty = assertThrows(CopyException.class, () -> Excludes.of(List.of("ok", "  ")));
        assertEquals("--exclude=  : the pattern is empty", empty.getMessage());
        assertThrows(CopyException.class, () -> Excludes.of(List.of("!")));
        CopyException bad = assertThrows(CopyException.class, () -> Excludes.of(List.of("a[")));
        assertTrue(bad.getMessage().startsWith("--exclude=a[: "), bad.getMessage());
        assertTrue(bad.getMessage().contains("character class"), bad.getMessage());
    }
}
