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
 * @param firstBadIndex the first index that is missing or unreadable where the sequence needs it
 *                    (every index before it is whole and contiguous); 0 when the journal is sound
 */
public record VerifyReport(long entries, long firstIndex, long lastIndex, List<String> superseded,
                           List<String> problems, long firstBadIndex) {

    public VerifyReport {
        superseded = List.copyOf(superseded);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line for an operator: the first bad index and the first problem, or "ok". */
    public String summary() {
        return ok() ? "ok" : "damaged at index " + firstBadIndex + ": " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "");
    }
}
