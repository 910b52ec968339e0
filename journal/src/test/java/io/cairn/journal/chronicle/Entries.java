package io.cairn.journal.chronicle;

import io.cairn.journal.Journal;
import io.cairn.journal.JournalEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deterministic test entries: everything about entry {@code i} is a function of {@code i}. */
final class Entries {
    private Entries() {
    }

    static String type(long index) {
        return index % 3 == 0 ? "container.start" : "volume.create";
    }

    static byte[] payload(long index) {
        return String.format("payload-%06d", index).getBytes(StandardCharsets.UTF_8);
    }

    static long append(Journal journal, long index) {
        return journal.append(type(index), (int) (index % 5), 1_000_000L * index, 1000 + (int) (index % 7), payload(index));
    }

    static List<JournalEntry> replayAll(Journal journal, long from) {
        List<JournalEntry> out = new ArrayList<>();
        journal.replay(from, Long.MAX_VALUE, out::add);
        return out;
    }

    /** Asserts that {@code entry} is exactly what {@link #append} wrote for its index. */
    static void assertIsEntry(long index, JournalEntry entry) {
        org.junit.jupiter.api.Assertions.assertEquals(index, entry.index());
        org.junit.jupiter.api.Assertions.assertEquals(type(index), entry.type(), "type of " + index);
        org.junit.jupiter.api.Assertions.assertEquals((int) (index % 5), entry.schemaVersion(), "schema of " + index);
        org.junit.jupiter.api.Assertions.assertEquals(1_000_000L * index, entry.timeNanos(), "time of " + index);
        org.junit.jupiter.api.Assertions.assertEquals(1000 + (int) (index % 7), entry.uid(), "uid of " + index);
        org.junit.jupiter.api.Assertions.assertArrayEquals(payload(index), entry.payload(), "payload of " + index);
    }
}
