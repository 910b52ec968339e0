package io.cairn.journal.chronicle;

import io.cairn.journal.frame.DecodedFrame;

/** A decoded frame together with the Chronicle index it was read at. */
record Frame(long chronicleIndex, DecodedFrame decoded) {
}
