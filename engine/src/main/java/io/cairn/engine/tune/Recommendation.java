package io.cairn.engine.tune;

/**
 * One setting the tuner recommends, and why, in the measurements' terms.
 *
 * @param key    the daemon.json key
 * @param value  the value to write (a number, or a string such as {@code "16m"})
 * @param change whether it differs from the daemon's default
 * @param why    the measurement behind it
 */
public record Recommendation(String key, Object value, boolean change, String why) {
}
