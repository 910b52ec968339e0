package io.cairn.journal.frame;

import io.cairn.journal.JournalEntry;

/** The outcome of decoding one frame: a whole, checksummed entry, or the reason it is not one. */
public sealed interface DecodedFrame permits DecodedFrame.Valid, DecodedFrame.Corrupt {

    /** A frame whose layout and CRC32C check out. */
    record Valid(JournalEntry entry) implements DecodedFrame {
    }

    /**
     * A frame that must not be handed to a reader.
     *
     * @param reason       what is wrong, for diagnostics
     * @param claimedIndex the index the frame's header claims, or {@code -1} when even that could
     *                     not be read; untrusted, since the frame failed its checks
     */
    record Corrupt(String reason, long claimedIndex) implements DecodedFrame {
    }
}
