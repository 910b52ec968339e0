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
 *
 * <p>{@link #verify(EntryReader, long, java.util.function.BooleanSupplier) From an index} it judges
 * only the entries from there on: the reader is positioned at or before it, entries before it (and
 * corrupt frames among them) are context, not findings, and the first readable entry at or after it
 * must be that index.
 */
final class JournalVerifier {

    private final RollCycle rollCycle;

    JournalVerifier(RollCycle rollCycle) {
        this.rollCycle = rollCycle;
    }

    /** Every frame from the first. */
    VerifyReport verify(EntryReader reader, java.util.function.BooleanSupplier stop) {
        reader.tailer().toStart();
        return verify(reader, 1, stop);
    }

    /**
     * The entries from {@code from} on, {@code reader} positioned at or before it. {@code stop} is
     * asked every few thousand frames: when it says so the scan ends with a {@link JournalException}
     * (the journal is closing), never with a report that would vouch for what was not read.
     */
    VerifyReport verify(EntryReader reader, long from, java.util.function.BooleanSupplier stop) {
        long entries = 0;
        long first = 0;
        long last = from - 1;
        boolean started = false;
        long context = 0; // the last entry read before the range
        long firstBad = 0;
        List<String> pending = new ArrayList<>();
        List<String> superseded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Frame frame;
        long frames = 0;
        while ((frame = reader.nextFrame()) != null) {
            if ((++frames & 0xfff) == 0 && stop.getAsBoolean()) {
                throw new io.cairn.journal.JournalException("journal verification stopped: the journal is closing");
            }
            String where = Position.describe(rollCycle, frame.chronicleIndex());
            if (frame.decoded() instanceof DecodedFrame.Corrupt corrupt) {
                pending.add("corrupt frame at " + where + claimed(corrupt.claimedIndex()) + ": " + corrupt.reason());
                continue;
            }
            long index = ((DecodedFrame.Valid) frame.decoded()).entry().index();
            if (!started && index < from) {
                pending.clear(); // before the range: what lies there is not this verification's
                context = index;
                continue;
            }
            if (!started && context != 0 && context < from - 1) {
                pending.clear(); // frames in place of from-1 or earlier: before the range too
            }
            started = true;
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
        if (!started) {
            last = 0; // nothing in the range
        }
        return new VerifyReport(entries, first, last, superseded, problems, firstBad);
    }

    private static String claimed(long index) {
        return index < 0 ? "" : " (claims index " + index + ")";
    }
}
