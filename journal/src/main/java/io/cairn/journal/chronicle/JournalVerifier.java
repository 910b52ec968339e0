package io.cairn.journal.chronicle;

import io.cairn.journal.VerifyReport;
import io.cairn.journal.frame.DecodedFrame;
import net.openhft.chronicle.queue.RollCycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every frame of a journal and classifies what it finds.
 *
 * <p>A corrupt frame is <em>superseded</em> when the readable entries around it are contiguous:
 * it was a torn write at the tail whose index the next append reused after recovery, so nothing
 * acknowledged is missing. A corrupt frame followed by a jump in the indices, a jump without any
 * corrupt frame, or an index that goes backwards is a <em>problem</em>. Corrupt frames after the
 * last readable entry are a torn tail, reported as superseded: opening the journal recovers them
 * and the next append reuses their index. The first bad index is the one after the last entry of
 * the contiguous run from the start: everything before it can be trusted.
 */
final class JournalVerifier {

    private final RollCycle rollCycle;

    JournalVerifier(RollCycle rollCycle) {
        this.rollCycle = rollCycle;
    }

    VerifyReport verify(EntryReader reader) {
        reader.tailer().toStart();
        long entries = 0;
        long first = 0;
        long last = 0;
        long firstBad = 0;
        List<String> pending = new ArrayList<>();
        List<String> superseded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Frame frame;
        while ((frame = reader.nextFrame()) != null) {
            String where = Position.describe(rollCycle, frame.chronicleIndex());
            if (frame.decoded() instanceof DecodedFrame.Corrupt corrupt) {
                pending.add("corrupt frame at " + where + claimed(corrupt.claimedIndex()) + ": " + corrupt.reason());
                continue;
            }
            long index = ((DecodedFrame.Valid) frame.decoded()).entry().index();
            if (index == last + 1) {
                for (String bad : pending) {
                    superseded.add(bad + "; superseded by index " + index + " at " + where);
                }
            } else {
                if (firstBad == 0) {
                    firstBad = last + 1;
                }
                problems.addAll(pending);
                problems.add(index <= last
                        ? "entry at " + where + " has index " + index + ", not after the previous index " + last
                        : "gap: entry at " + where + " has index " + index + ", expected " + (last + 1)
                          + " (indices " + (last + 1) + ".." + (index - 1) + " are missing)");
            }
            pending.clear();
            entries++;
            if (first == 0) {
                first = index;
            }
            last = Math.max(last, index);
        }
        for (String bad : pending) {
            superseded.add(bad + "; torn tail, never acknowledged: the next append reuses index " + (last + 1));
        }
        return new VerifyReport(entries, first, last, superseded, problems, firstBad);
    }

    private static String claimed(long index) {
        return index < 0 ? "" : " (claims index " + index + ")";
    }
}
