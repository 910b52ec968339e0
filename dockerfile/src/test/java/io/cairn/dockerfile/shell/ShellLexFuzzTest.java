package io.cairn.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzing of the word lexer: a value or an {@link ExpansionException}, never anything else, and bounded output. */
class ShellLexFuzzTest {

    private static final Map<String, String> ENV = Map.of("A", "alpha", "B", "", "LONG", "x".repeat(20));

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.of("$", "{", "}", "${", "A", "B", "LONG", "C", ":", "-", "+", "?", "=", "#", "%", "\\",
                        "`", "'", "\"", " ", "x", "1", "@", "$$", "/", "*", "[").list().ofMaxSize(60).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(200));
    }

    @Property(tries = 5000)
    void valueOrPositionedError(@ForAll("words") String word, @ForAll boolean backtick) {
        ShellLex lex = new ShellLex(backtick ? '`' : '\\');
        try {
            String v = lex.processWord(word, ENV::get);
            // every char of the output comes from the input or one substituted value
            assertTrue(v.length() <= word.length() * 21L, () -> word + " -> " + v.length() + " chars");
            List<String> ws = lex.processWords(word, ENV::get);
            assertTrue(ws.stream().mapToLong(String::length).sum() <= word.length() * 21L);
        } catch (ExpansionException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= word.length(), () -> "offset " + e.offset() + " for " + word);
            assertTrue(!e.getMessage().isBlank());
        }
    }

    @Property(tries = 1000)
    void rawModesNeverLoseCharacters(@ForAll("words") String word) {
        ShellLex raw = new ShellLex('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnset(true);
        try {
            String v = raw.processWord(word, name -> null);
            // with nothing set, raw mode drops nothing but a trailing escape
            assertTrue(v.length() >= word.length() - 1, () -> word + " -> " + v);
        } catch (ExpansionException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= word.length());
        }
    }
}
