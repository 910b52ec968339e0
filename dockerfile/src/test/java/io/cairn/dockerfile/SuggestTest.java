package io.cairn.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BuildKit's suggestion rule: distance at most 2, the closest first, none for an exact match. */
class SuggestTest {

    private static final List<String> FLAGS = List.of("chmod", "chown", "from", "link");

    @Test
    void twoEditsAtMostAndTheClosestWins() {
        assertEquals(Optional.of("chmod"), Suggest.closest("chmdo", FLAGS, true), "a transposition is two edits");
        assertEquals(Optional.of("from"), Suggest.closest("fro", FLAGS, true));
        assertEquals(Optional.empty(), Suggest.closest("chxxxd", FLAGS, true), "three edits is too far");
        assertEquals(Optional.of("chown"), Suggest.closest("chow", FLAGS, true), "one edit beats chmod's two");
        assertEquals(Optional.of("chmod"), Suggest.closest("chmo", FLAGS, true), "of equally close ones, the first");
    }

    @Test
    void anExactMatchIsNotATypo() {
        assertEquals(Optional.empty(), Suggest.closest("link", List.of("lint", "link"), true),
                "the error is then about something else than the spelling");
        assertEquals(Optional.empty(), Suggest.closest("LINK", List.of("lint", "link"), false));
    }

    @Test
    void ignoringCaseTheSuggestionFollowsTheValuesCase() {
        List<String> keywords = List.of("run", "from");
        assertEquals(Optional.of("RUN"), Suggest.closest("RUNN", keywords, false));
        assertEquals(Optional.of("run"), Suggest.closest("rn", keywords, false));
        assertEquals(Optional.of("run"), Suggest.closest("Rn", keywords, false), "mixed case: as the option is written");
        assertEquals(Optional.empty(), Suggest.closest("RUNN", keywords, true), "case-sensitive: RUNN is far from run");
    }

    @Test
    void theSuffixIsBuildKits() {
        assertEquals(" (did you mean chmod?)", Suggest.didYouMean("chmdo", FLAGS, true));
        assertEquals("", Suggest.didYouMean("zzz", FLAGS, true));
    }
}
