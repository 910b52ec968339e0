package io.cairn.journal;

/**
 * One entry as read back from the journal.
 *
 * @param index         Cairn's journal index: gap-free, from 1
 * @param type          the event type name (for example {@code volume.create})
 * @param schemaVersion version of the payload's schema for that type
 * @param timeNanos     wall-clock time of the append, nanoseconds since the Unix epoch
 * @param uid           uid of the client that caused the entry (from the socket's peer
 *                      credentials), or the daemon's own uid
 * @param crc32c        CRC32C of the entry's frame (header fields and payload), as stored
 * @param payload       the encoded event; never modified by the journal
 */
public record JournalEntry(long index, String type, int schemaVersion, long timeNanos, int uid,
                           int crc32c, byte[] payload) {
}
