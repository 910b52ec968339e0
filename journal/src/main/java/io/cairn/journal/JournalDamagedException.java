package io.cairn.journal;

/**
 * The journal is damaged where a reader needed it: an entry is missing (a gap in the indices) or an
 * index goes backwards. Readers fail closed with this rather than step over the damage, because an
 * entry skipped is a fact lost: every index built from the rest would be wrong.
 *
 * <p>A torn tail (frames after the last readable entry, left by a crash mid-append) is not damage:
 * it was never acknowledged, and the next append reuses its index.
 */
public final class JournalDamagedException extends JournalException {

    private final long firstBadIndex;

    public JournalDamagedException(long firstBadIndex, String message) {
        super(message);
        this.firstBadIndex = firstBadIndex;
    }

    /** The first index that could not be read (what {@code cairn journal repair} cuts back before). */
    public long firstBadIndex() {
        return firstBadIndex;
    }
}
