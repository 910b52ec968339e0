/**
 * The ordered, durable log of Cairn: every state change is an entry here before it is anywhere
 * else.
 *
 * <p>{@link io.cairn.journal.Journal} is the contract; {@code ChronicleJournal} implements it over
 * Chronicle Queue. The journal knows nothing of images or containers: an entry is a type name, a
 * schema version, a time, the client's uid and an opaque payload, framed with Cairn's own gap-free
 * index and a CRC32C so that a torn or corrupted entry is detected and never handed to a reader.
 */
package io.cairn.journal;
