package io.cairn.journal;

import java.util.List;

/**
 * The outcome of {@link Journal#verify()}.
 *
 * @param entries     readable entries found
 * @param firstIndex  index of the first readable entry (0 when empty)
 * @param lastIndex   index of the last readable entry (0 when empty)
 * @param superseded  torn entries left by a crash whose index was reused by the next append; they
 *                    were never acknowledged, so they are reported but are not problems
 * @param problems    every problem found (checksum mismatch, gap, unreadable entry), each naming
 *                    the position; empty when the journal is sound
 */
public record VerifyReport(long entries, long firstIndex, long lastIndex, List<String> superseded,
                           List<String> problems) {

    public VerifyReport {
        superseded = List.copyOf(superseded);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
