package io.cairn.journal;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of cutting a damaged journal back to its last good entry.
 *
 * @param kept        entries kept: indices 1..kept, every one whole and contiguous
 * @param dropped     what the cut removed, in journal order: the damaged frames and every entry after
 *                    the first bad index; empty when the journal was sound and nothing changed
 * @param damagedCopy where the journal as it was before the repair is kept (never deleted, for
 *                    forensics); {@code null} when nothing changed
 */
public record RepairReport(long kept, List<Dropped> dropped, Path damagedCopy) {

    public RepairReport {
        dropped = List.copyOf(dropped);
    }

    /** Whether the journal was changed. */
    public boolean repaired() {
        return damagedCopy != null;
    }

    /**
     * One dropped frame.
     *
     * @param index   the entry's index, or for an unreadable frame the index its header claims
     *                ({@code -1} when even that is unreadable)
     * @param type    the entry's event type; empty for an unreadable frame
     * @param problem why the frame is unreadable; empty for a readable entry dropped because it
     *                comes after the damage
     * @param where   the frame's position in the queue files
     */
    public record Dropped(long index, String type, String problem, String where) {
        public boolean readable() {
            return problem.isEmpty();
        }
    }
}
