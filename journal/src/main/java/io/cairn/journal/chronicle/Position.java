package io.cairn.journal.chronicle;

import net.openhft.chronicle.queue.RollCycle;

/** Where a frame sits in the queue, phrased for an operator reading a report or a log. */
final class Position {

    private Position() {
    }

    static String describe(RollCycle rollCycle, long chronicleIndex) {
        return String.format("Chronicle index 0x%x (cycle %d, sequence %d)", chronicleIndex,
                rollCycle.toCycle(chronicleIndex), rollCycle.toSequenceNumber(chronicleIndex));
    }
}
