/**
 * Cairn's own framing of a journal entry, independent of the log that stores it.
 *
 * <p>A frame is self-describing and self-checking: a reader that finds one in the middle of a
 * Chronicle file can tell, without any other state, whether it is whole and which index it
 * claims. Layout (little-endian):
 *
 * <pre>
 *   u8   format version (1)
 *   i64  Cairn index
 *   i64  time, nanoseconds since the Unix epoch
 *   i32  uid
 *   i32  schema version
 *   i32  type length, then that many bytes of UTF-8
 *   i32  payload length, then that many bytes
 *   i32  CRC32C of every preceding byte of the frame
 * </pre>
 */
package io.cairn.journal.frame;
