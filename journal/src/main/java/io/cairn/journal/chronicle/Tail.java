package io.cairn.journal.chronicle;

/**
 * The last readable entry: its Cairn index and where Chronicle holds it. Published as one
 * immutable value so that readers never see an index paired with another entry's position.
 */
record Tail(long index, long chronicleIndex) {
    static final Tail EMPTY = new Tail(0, -1);

    boolean isEmpty() {
        return index == 0;
    }
}
