package io.cairn.journal.chronicle;

import io.cairn.journal.JournalEntry;
import io.cairn.journal.frame.DecodedFrame;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Cairn indices to Chronicle indices cheaply, so that a replay or a cursor starts where it
 * should instead of scanning from the first entry.
 *
 * <p>Within a roll cycle Chronicle numbers excerpts contiguously, and Cairn's indices are
 * contiguous too, so one anchor per cycle (its first readable entry) predicts where any entry
 * of that cycle is: {@code anchor + (target - anchor's index)}. The prediction is checked by
 * reading the entry there. It can only be early (a superseded torn frame occupies a Chronicle
 * sequence number without a Cairn index), in which case the reader scans forward from it; if it
 * is wrong in any other way (a gap, a corrupt frame) the reader scans from the anchor instead.
 * Anchors are found by a binary search over the cycle files and cached; the writer records the
 * anchor of each cycle it starts.
 */
final class IndexMap {

    record Anchor(long index, long chronicleIndex) {
    }

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final ConcurrentHashMap<Integer, Anchor> firstInCycle = new ConcurrentHashMap<>();

    IndexMap(SingleChronicleQueue queue) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
    }

    /** Called by the writer after each append; records the first entry of a new cycle. */
    void appended(long index, long chronicleIndex) {
        firstInCycle.putIfAbsent(rollCycle.toCycle(chronicleIndex), new Anchor(index, chronicleIndex));
    }

    /**
     * Positions {@code reader} so that {@code reader.next(target)} returns the entry with index
     * {@code target}, or the first one after it when it does not exist (yet).
     */
    void seek(EntryReader reader, long target, Tail tail) {
        ExcerptTailer tailer = reader.tailer();
        if (target <= 1 || tail.isEmpty()) {
            tailer.toStart();
            return;
        }
        if (target > tail.index()) {
            // Start at the last entry, not at the end: entries >= target may be appended meanwhile.
            if (!tailer.moveToIndex(tail.chronicleIndex())) {
                tailer.toStart();
            }
            return;
        }
        Anchor anchor = anchorAtOrBefore(reader, target);
        if (anchor == null) {
            tailer.toStart();
            return;
        }
        long estimate = anchor.chronicleIndex() + (target - anchor.index());
        if (rollCycle.toCycle(estimate) == rollCycle.toCycle(anchor.chronicleIndex())
                && tailer.moveToIndex(estimate)) {
            Frame frame = reader.nextFrame();
            if (frame != null && frame.decoded() instanceof DecodedFrame.Valid valid) {
                JournalEntry entry = valid.entry();
                if (entry.index() == target) {
                    reader.pushBack(entry);
                    return;
                }
                if (entry.index() < target) {
                    return; // early: scan forward from here
                }
            }
        }
        if (!tailer.moveToIndex(anchor.chronicleIndex())) {
            tailer.toStart();
        }
    }

    /** The anchor of the last cycle whose first entry is at or before {@code target}. */
    private Anchor anchorAtOrBefore(EntryReader reader, long target) {
        List<Integer> cycles = new ArrayList<>();
        for (Long cycle : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle())) {
            cycles.add(cycle.intValue());
        }
        Anchor best = null;
        int lo = 0;
        int hi = cycles.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Anchor anchor = anchorOf(reader, cycles.get(mid));
            if (anchor == null) {
                cycles.remove(mid); // a cycle without a readable entry cannot hold the target
                hi--;
            } else if (anchor.index() <= target) {
                best = anchor;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private Anchor anchorOf(EntryReader reader, int cycle) {
        Anchor cached = firstInCycle.get(cycle);
        if (cached != null) {
            return cached;
        }
        if (!reader.tailer().moveToCycle(cycle)) {
            return null;
        }
        Frame frame;
        while ((frame = reader.nextFrame()) != null && rollCycle.toCycle(frame.chronicleIndex()) == cycle) {
            if (frame.decoded() instanceof DecodedFrame.Valid valid) {
                Anchor anchor = new Anchor(valid.entry().index(), frame.chronicleIndex());
                firstInCycle.putIfAbsent(cycle, anchor);
                return anchor;
            }
        }
        return null;
    }
}
