package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Docker's random names, and the retry that keeps unnamed creates working as containers accumulate (issue 10, A13). */
class ContainerNamesTest {

    private static final String ID = "0123456789abcdef".repeat(4);

    @Test
    void theWordsAreDockersFullLists() {
        assertEquals(108, NameWords.ADJECTIVES.size());
        assertEquals(236, NameWords.SURNAMES.size());
        assertEquals(NameWords.ADJECTIVES.size(), new HashSet<>(NameWords.ADJECTIVES).size(), "no duplicates");
        assertEquals(NameWords.SURNAMES.size(), new HashSet<>(NameWords.SURNAMES).size(), "no duplicates");
        for (String w : concat(NameWords.ADJECTIVES, NameWords.SURNAMES)) {
            assertTrue(w.matches("[a-z]+"), w);
        }
    }

    @Test
    void namesAreAdjectiveUnderscoreSurnameAndARetryAddsADigit() {
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            String first = ContainerNames.random(0, random);
            String retry = ContainerNames.random(1, random);
            assertTrue(first.matches("[a-z]+_[a-z]+"), first);
            assertTrue(retry.matches("[a-z]+_[a-z]+[0-9]"), retry);
            assertFalse(first.equals("boring_wozniak") || retry.startsWith("boring_wozniak"), "Steve Wozniak is not boring");
            String[] parts = first.split("_");
            assertTrue(NameWords.ADJECTIVES.contains(parts[0]) && NameWords.SURNAMES.contains(parts[1]), first);
        }
    }

    /**
     * 5,000 unnamed creates, each taking the name it got: the old generator (396 names, no retry) ran out
     * of names after a few hundred; with Docker's lists and retries none fails.
     */
    @Test
    void thousandsOfUnnamedContainersAllGetAFreeName() {
        Random random = new Random(42);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = String.format("%064x", i + 1);
            String name = ContainerNames.unused(id, taken::contains, random);
            assertTrue(taken.add(name), "a taken name was handed out: " + name);
        }
    }

    @Test
    void whenEveryRandomNameIsTakenTheShortIdIsTheName() {
        List<String> asked = new ArrayList<>();
        String name = ContainerNames.unused(ID, n -> {
            asked.add(n);
            return !n.equals(ID.substring(0, 12));
        }, new Random(7));
        assertEquals(ID.substring(0, 12), name);
        assertEquals(ContainerNames.ATTEMPTS + 1, asked.size(), "six random names, then the short ID: " + asked);
        assertTrue(asked.get(0).matches("[a-z]+_[a-z]+"), asked.get(0));
        for (String retry : asked.subList(1, ContainerNames.ATTEMPTS)) {
            assertTrue(retry.matches("[a-z]+_[a-z]+[0-9]"), retry);
        }
    }

    @Test
    void whenEvenTheShortIdIsTakenTheCreateIsAConflict() {
        ConflictException e = assertThrows(ConflictException.class, () -> ContainerNames.unused(ID, n -> true, new Random(3)));
        assertTrue(e.getMessage().contains("--name"), e.getMessage());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
