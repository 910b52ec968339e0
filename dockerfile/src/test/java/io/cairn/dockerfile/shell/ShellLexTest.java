package io.cairn.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word rules of Docker's builder, as tables: input → expansion, or input → error. */
class ShellLexTest {

    private static final Map<String, String> ENV = new HashMap<>(Map.of(
            "PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "", "SPLIT", "x  y",
            "FILE", "archive.tar.gz", "P", "/usr/local/bin"));
    private static final ShellLex LEX = new ShellLex('\\');

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', emptyValue = "", textBlock = """
            hello                      | hello
            he'll'o                    | hello
            he\\'llo                   | he'llo
            abc\\\\def                 | abc\\def
            "hello"                    | hello
            "hel'lo"                   | hel'lo
            'hello\\'                  | hello\\
            "''"                       | ''
            $.                         | $.
            $                          | $
            he$1x                      | hex
            he$.x                      | he$.x
            he$pwd.                    | he.
            he$PWD                     | he/home
            he\\$PWD                   | he$PWD
            he\\\\$PWD                 | he\\/home
            "he\\$PWD"                 | he$PWD
            "he\\\\$PWD"               | he\\/home
            "he\\x"                    | he\\x
            'he$PWD'                   | he$PWD
            he\\${}                    | he${}
            ${PWD}x                    | /homex
            ${PWD:-xx}                 | /home
            ${NULL:-xx}                | xx
            ${UNSET:-xx}               | xx
            ${NULL-xx}                 | ``
            ${UNSET-xx}                | xx
            ${NULL:+xx}                | ``
            ${PWD:+xx}                 | xx
            ${NULL+xx}                 | xx
            ${UNSET+xx}                | ``
            ${UNSET:+${PWD}}           | ``
            ${PWD:+${SHELL}}           | bash
            ${UNSET:-${NOPE:-deep}}    | deep
            ${NULL?}                   | ``
            ${PWD:?}                   | /home
            ${PWD:-'quoted'}           | /home
            ${UNSET:-'a b'}            | a b
            ${UNSET:-"$SHELL"}         | bash
            ${UNSET:-\\}}              | }
            $KOREAN                    | 한국어
            $$                         | ``
            abc\\                      | abc
            "a b"                      | a b
            a b                        | a b
            ${FILE#*.}                 | tar.gz
            ${FILE##*.}                | gz
            ${FILE%.*}                 | archive.tar
            ${FILE%%.*}                | archive
            ${FILE#nomatch}            | archive.tar.gz
            ${FILE%.[tg]z}             | archive.tar
            ${P#/usr}                  | /local/bin
            ${P/local/opt}             | /usr/opt/bin
            ${P//\\//:}              | :usr:local:bin
            ${P/*l/X}                  | X/bin
            ${P//o/0}                  | /usr/l0cal/bin
            ${UNSET#x}                 | ``
            ${UNSET:-${FILE%%.*}}      | archive
            """)
    void expandsWords(String in, String expected) throws ExpansionException {
        assertEquals(expected, LEX.processWord(in, ENV::get));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            he'llo                | unexpected end of statement while looking for matching single-quote
            he"llo                | unexpected end of statement while looking for matching double-quote
            he\\\\'llo            | unexpected end of statement while looking for matching single-quote
            he${}                 | syntax error: bad substitution
            ${:-x}                | syntax error: bad substitution
            he${PWD               | syntax error: missing '}'
            ${PWD:-x              | syntax error: missing '}'
            ${PWD:                | syntax error: missing '}'
            ${UNSET:?}            | UNSET: is not allowed to be unset
            ${NULL:?}             | NULL: is not allowed to be empty
            ${UNSET?custom text}  | UNSET: custom text
            ${NULL:?no empties}   | NULL: no empties
            ${a b}                | unsupported modifier ( ) in substitution
            ${PWD:=x}             | unsupported modifier (:=) in substitution
            ${PWD/x}              | syntax error: missing '/'
            ${PWD#[}              | bad pattern in substitution: invalid pattern "[": unterminated character class
            """)
    void rejectsBadWords(String in, String message) {
        ExpansionException e = assertThrows(ExpansionException.class, () -> LEX.processWord(in, ENV::get));
        assertEquals(message, e.getMessage());
    }

    @Test
    void splitsWordsOnUnquotedWhitespaceIncludingExpandedValues() throws ExpansionException {
        assertEquals(List.of("a", "b", "c"), LEX.processWords(" a b\t c ", ENV::get));
        assertEquals(List.of("a b", "c"), LEX.processWords("\"a b\" c", ENV::get));
        assertEquals(List.of("", "x"), LEX.processWords("'' x", ENV::get));
        assertEquals(List.of("x", "y"), LEX.processWords("$SPLIT", ENV::get));
        assertEquals(List.of("x  y"), LEX.processWords("\"$SPLIT\"", ENV::get));
        assertEquals(List.of("a b"), LEX.processWords("a\\ b", ENV::get));
        assertEquals(List.of(), LEX.processWords("   ", ENV::get));
    }

    @Test
    void backtickEscapeLeavesBackslashesAlone() throws ExpansionException {
        ShellLex windows = new ShellLex('`');
        assertEquals("c:\\dir\\$PWD", windows.processWord("c:\\dir\\`$PWD", ENV::get));
        assertEquals("c:\\dir\\/home", windows.processWord("c:\\dir\\$PWD", ENV::get));
    }

    @Test
    void rawModesKeepQuotesEscapesAndUnsetReferences() throws ExpansionException {
        ShellLex raw = LEX.withRawQuotes(true).withRawEscapes(true).withSkipUnset(true);
        assertEquals("'a $b' \"c\" \\$d $UNSET ${UNSET:-x} /home",
                raw.processWord("'a $b' \"c\" \\$d $UNSET ${UNSET:-x} $PWD", ENV::get));
    }

    @Test
    void collectsUnsetVariableNames() throws ExpansionException {
        Set<String> unset = new TreeSet<>();
        LEX.processWord("$A ${B:-x} ${PWD} \"$C\" '$D'", ENV::get, unset);
        assertEquals(Set.of("A", "B", "C"), unset);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "${A:-".repeat(10_000) + "x" + "}".repeat(10_000);
        ExpansionException e = assertThrows(ExpansionException.class, () -> LEX.processWord(deep, ENV::get));
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    }

    @Test
    void errorsCarryTheOffsetOfTheProblem() {
        ExpansionException e = assertThrows(ExpansionException.class, () -> LEX.processWord("ok ${}", ENV::get));
        assertEquals(3, e.offset());
    }
}
