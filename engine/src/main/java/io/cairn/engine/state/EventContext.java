package io.cairn.engine.state;

/**
 * What the journal records with an event besides the event itself; projections may use it, and get
 * the same values live and on replay.
 *
 * @param timeNanos time of the decision, nanoseconds since the Unix epoch
 * @param uid       the client's uid
 */
public record EventContext(long timeNanos, int uid) {
}
