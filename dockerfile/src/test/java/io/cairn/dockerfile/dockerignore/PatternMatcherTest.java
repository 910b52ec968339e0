package io.cairn.dockerfile.dockerignore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's .dockerignore rules as a table: patterns (separated by {@code ;}), path, excluded?. */
class PatternMatcherTest {

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *.go                              | main.go               | true
            *.go                              | dir/main.go           | false
            **/*.go                           | dir/sub/main.go       | true
            **/*.go                           | main.go               | true
            **/*.go                           | main.gox              | false
            dir                               | dir/file              | true
            dir                               | dir                   | true
            dir                               | dirx                  | false
            dir                               | other/dir             | false
            */dir                             | a/dir/f               | true
            a?c                               | abc                   | true
            a?c                               | a/c                   | false
            [a-c]x                            | bx                    | true
            [a-c]x                            | dx                    | false
            [^a]x                             | bx                    | true
            [^a]x                             | ax                    | false
            [\\]]x                            | ]x                    | true
            \\*                               | *                     | true
            \\*                               | a                     | false
            **                                | any/thing/at/all      | true
            a/**/b                            | a/b                   | true
            a/**/b                            | a/x/y/b               | true
            a/**/b                            | a/xb                  | false
            a**                               | abc/d                 | true
            *;!keep                           | keep                  | false
            *;!keep                           | keep/sub/file         | false
            *;!keep                           | other                 | true
            !keep;*                           | keep                  | true
            docs;!docs/README.md              | docs/README.md        | false
            docs;!docs/README.md              | docs/other.md         | true
            *.md;!README*.md;README-secret.md | README-secret.md      | true
            *.md;!README*.md;README-secret.md | README.md             | false
            *.md;!README*.md;README-secret.md | notes.md              | true
            ./a/../b                          | b                     | true
            dir/                              | dir/x                 | true
            .git                              | .git/HEAD             | true
            node_modules;!node_modules/keep   | node_modules/keep/x   | false
            node_modules;!node_modules/keep   | node_modules/drop/x   | true
            """)
    void matchesLikeDocker(String patterns, String path, boolean excluded) {
        PatternMatcher m = PatternMatcher.compile(Arrays.asList(patterns.split(";")));
        assertEquals(excluded, m.matches(path));
    }

    @Test
    void namesThePatternThatExcludes() {
        PatternMatcher m = PatternMatcher.compile(List.of("*.log", "build", "!build/keep"));
        assertEquals(Optional.of("build"), m.excludedBy("build/out.o"));
        assertEquals(Optional.of("*.log"), m.excludedBy("app.log"));
        assertEquals(Optional.empty(), m.excludedBy("build/keep/x"));
        assertTrue(m.hasExclusions());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [         | unterminated character class
            a[b       | unterminated character class
            []a]      | ']' must be escaped in a character class
            [-a]      | '-' must be escaped in a character class
            [z-a]     | character range z-a is reversed
            !         | illegal exclusion pattern: "!"
            """)
    void rejectsBadPatterns(String pattern, String why) {
        InvalidPatternException e = assertThrows(InvalidPatternException.class,
                () -> PatternMatcher.compile(List.of("ok", pattern)));
        assertEquals(why, e.why());
        assertEquals(pattern, e.pattern());
    }

    @Test
    void readsIgnoreFilesLikeDocker() {
        String text = "\uFEFF# comment\n  spaced  \n!\t keep \n/abs\n./dot/../x\r\n \n #not-a-comment\n/\n";
        assertEquals(List.of("spaced", "!keep", "abs", "x", "#not-a-comment", "/"), IgnoreFile.parse(text));
    }

    @Test
    void pathGlobsDoNotSpanDirectories() {
        assertTrue(Glob.path("*.txt").matches("a.txt"));
        assertEquals(false, Glob.path("**.txt").matches("d/a.txt"));
        assertTrue(Glob.path("src/*/main.go").matches("src/x/main.go"));
        assertThrows(InvalidPatternException.class, () -> Glob.path("a\\"));
        assertTrue(Glob.path("lit").isLiteral());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a//b/./c/..   | a/b
            ../a          | ../a
            /../a         | /a
            a/            | a
            .             | .
            ./            | .
            a/../..       | ..
            """)
    void cleansPathsLikeGo(String in, String out) {
        assertEquals(out, Paths.clean(in));
    }
}
