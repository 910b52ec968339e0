package io.cairn.engine.event;

/** A build finished: {@code imageId} is its result (tagged by the events before this one). */
public record BuildCompleted(String buildId, String imageId, long millis) implements Event {
}
